#!/usr/bin/env node
// Entry point for the `pushbridge` command: runs the compiled CLI (`npm run build` first).
import { runCli } from '../dist/main.js';

await runCli(process.argv);
