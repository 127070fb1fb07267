#!/usr/bin/env -S node --max-semi-space-size=2 --optimize-for-size
// Entry point for the `pushbridge` command: runs the compiled CLI (`npm run build` first).
// The Node flags on the first line are part of how the server runs (README "Operations"): 2 MB
// semi-spaces instead of V8's 16 MB, and V8's memory-saving mode, keep a long-lived push server's
// RSS down. `npm start` and the push benchmarks start the server through this line too.
import { runCli } from '../dist/main.js';

await runCli(process.argv);
