// Source entry for the `pushbridge` command, runnable without a build:
// `node --import tsx src/cli.ts <command> ...` (tests and development). bin/pushbridge.js is the
// same for the compiled dist/ tree.
import { runCli } from './main.js';

await runCli(process.argv);
