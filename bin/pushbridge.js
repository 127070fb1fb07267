#!/usr/bin/env -S node --max-semi-space-size=2
// Entry point for the `pushbridge` command: runs the compiled CLI (`npm run build` first).
// The Node flag on the first line is part of how the server runs (README "Operations"): 2 MB
// semi-spaces instead of V8's 16 MB keep a long-lived push server's RSS down. `npm start` and the
// benchmarks start the server through this line too.
import { runCli } from '../dist/main.js';

await runCli(process.argv);
