// Deterministic mailboxes for the initial-sync benchmark (BENCHMARKING.md "Initial sync"): a
// seeded generator makes the same messages on every run — mostly small plain-text mail, some
// multipart/alternative HTML, and a few messages with a large attachment — written straight into
// the embedded store, then copied file by file for further users (a copy is the same mailbox).

import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedStore } from '../src/backends/embedded/embedded-store.js';
import { userFileName } from '../src/backends/embedded/user-file-name.js';

/** Shares of each kind of message, per 1,000. */
const HTML_PER_MILLE = 130;
const ATTACHMENT_PER_MILLE = 5;

type Kind = 'plain' | 'html' | 'attachments';

/** Spreads the kinds over the mailbox (37 is prime to 1,000, so every residue comes once per 1,000). */
function kindOf(index: number): Kind {
  const slot = (index * 37) % 1000;
  return slot < ATTACHMENT_PER_MILLE ? 'attachments' : slot < ATTACHMENT_PER_MILLE + HTML_PER_MILLE ? 'html' : 'plain';
}

const WORDS = ('lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua '
  + 'meeting budget report quarterly review project deadline invoice schedule Zürich naïve café résumé').split(' ');

/** mulberry32: small, fast and good enough to pick words. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function words(random: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) out.push(WORDS[Math.floor(random() * WORDS.length)] ?? 'x');
  return out.join(' ');
}

function paragraphs(random: () => number, bytes: number): string[] {
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = words(random, 8 + Math.floor(random() * 10));
    out.push(line);
    size += line.length + 2;
  }
  return out;
}

export interface MessageMix {
  readonly plain: number;
  readonly html: number;
  readonly attachments: number;
  readonly bytes: number;
}

/** The n-th message of the benchmark mailbox, as RFC 5322 text. */
export function benchMessage(index: number, recipient: string): string {
  const random = generator(index * 7919 + 17);
  const kind = kindOf(index);
  const date = new Date(Date.UTC(2026, 0, 1) + index * 60_000).toUTCString().replace('GMT', '+0000');
  const head = [
    `From: "Sender ${index % 97}" <sender${index % 97}@example.com>`, `To: ${recipient}`, `Subject: ${words(random, 3 + (index % 5))} #${index}`,
    `Date: ${date}`, `Message-ID: <bench-${index}@example.com>`, 'MIME-Version: 1.0',
  ];
  const text = paragraphs(random, 300 + Math.floor(random() * 1700)).join('\r\n');
  if (kind === 'plain') return [...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', text, ''].join('\r\n');
  if (kind === 'html') {
    const html = `<html><body>${paragraphs(random, 2000 + Math.floor(random() * 13000)).map((p) => `<p style="margin:0">${p}</p>`).join('\r\n')}</body></html>`;
    return [
      ...head, 'Content-Type: multipart/alternative; boundary="alt"', '', '--alt', 'Content-Type: text/plain; charset=utf-8', '', text,
      '--alt', 'Content-Type: text/html; charset=utf-8', '', html, '--alt--', '',
    ].join('\r\n');
  }
  const size = 256 * 1024 + Math.floor(random() * 768 * 1024);
  const blob = Buffer.alloc(size, index % 251).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    ...head, 'Content-Type: multipart/mixed; boundary="mix"', '', '--mix', 'Content-Type: text/plain; charset=utf-8', '', text,
    '--mix', 'Content-Type: application/pdf; name="report.pdf"', 'Content-Disposition: attachment; filename="report.pdf"',
    'Content-Transfer-Encoding: base64', '', blob, '--mix--', '',
  ].join('\r\n');
}

/** Seeds `count` messages into the user's Inbox of the embedded store under `dataDir`. */
export async function seedMailbox(dataDir: string, user: string, count: number): Promise<MessageMix> {
  const store = EmbeddedStore.open(dataDir);
  const mix = { plain: 0, html: 0, attachments: 0, bytes: 0 };
  try {
    const inbox = (await store.hierarchy.listFolders(user)).folders.find((f) => f.type === 2);
    if (inbox === undefined) throw new Error('the mailbox has no Inbox');
    for (let i = 0; i < count; i += 1) {
      const mime = Buffer.from(benchMessage(i, user), 'utf8');
      mix[kindOf(i)] += 1;
      mix.bytes += mime.length;
      await store.mail.createItem(user, inbox.id, { mime, receivedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000) });
    }
  } finally {
    await store.close();
  }
  return mix;
}

/** Gives `user` a copy of `from`'s mailbox file (closed, so its WAL is checkpointed). */
export function copyMailbox(dataDir: string, from: string, user: string): void {
  const dir = join(dataDir, EmbeddedStore.USERS_DIR);
  copyFileSync(join(dir, userFileName(from)), join(dir, userFileName(user)));
}
