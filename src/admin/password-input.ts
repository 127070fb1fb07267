// Reads a password that was not given with --password: from a TTY with echo off (asked twice
// when setting one), or as the first line of piped stdin, so scripts need not put passwords on
// the command line where `ps` shows them.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';

const MAX_STDIN_BYTES = 64 * 1024;

function promptHidden(io: CliIo, question: string): Promise<string> {
  io.stderr.write(question);
  // readline runs the terminal in raw mode and edits the line; discarding its output hides the echo.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: io.stdin, output: silent, terminal: true });
  return new Promise((resolve, reject) => {
    let answered = false;
    reader.once('line', (line) => {
      answered = true;
      reader.close();
      io.stderr.write('\n');
      resolve(line);
    });
    reader.once('SIGINT', () => reader.close());
    reader.once('close', () => {
      if (!answered) reject(new CliError('\ncancelled'));
    });
  });
}

async function readFirstLine(io: CliIo): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of io.stdin) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    chunks.push(bytes);
    size += bytes.length;
    // Stop at the first line so a pipe that stays open does not hang the command.
    if (bytes.includes(0x0a)) break;
    if (size > MAX_STDIN_BYTES) throw new CliError('the password on stdin is too long');
  }
  const first = Buffer.concat(chunks).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  if (first === '') throw new CliError('no password given: use --password, or pipe it on stdin, or run in a terminal');
  return first;
}

/** The password from the flag, else from the terminal or stdin. `confirm` asks twice on a TTY. */
export async function obtainPassword(io: CliIo, given: string | undefined, confirm: boolean): Promise<string> {
  if (given !== undefined) return given;
  if (io.stdin.isTTY !== true) return readFirstLine(io);
  const password = await promptHidden(io, 'Password: ');
  if (confirm && (await promptHidden(io, 'Repeat password: ')) !== password) throw new CliError('the passwords do not match');
  return password;
}
