// A separate process that writes mailboxes through its own EmbeddedStore, for the cross-process
// ChangeFeed tests: `node --import tsx change-feed-foreign-writer.ts <dataDir>`, one JSON request
// per stdin line, one JSON answer per stdout line, until stdin ends.

import { createInterface } from 'node:readline';
import { EmbeddedStore } from '../../src/backends/embedded/embedded-store.js';

export type WriterRequest =
  | { readonly op: 'folders'; readonly user: string }
  | { readonly op: 'append'; readonly user: string; readonly folderId: string; readonly subject: string }
  | { readonly op: 'createFolder'; readonly user: string; readonly name: string }
  | { readonly op: 'deleteFolder'; readonly user: string; readonly folderId: string };

export interface WriterAnswer {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: string;
}

async function perform(store: EmbeddedStore, request: WriterRequest): Promise<unknown> {
  switch (request.op) {
    case 'folders':
      return (await store.hierarchy.listFolders(request.user)).folders;
    case 'append': {
      const mime = Buffer.from(`Subject: ${request.subject}\r\nFrom: writer@example.org\r\n\r\nwritten by process ${process.pid}\r\n`);
      return (await store.mail.createItem(request.user, request.folderId, { mime })).id;
    }
    case 'createFolder':
      return (await store.hierarchy.createFolder(request.user, { parentId: null, displayName: request.name, type: 12 })).id;
    case 'deleteFolder':
      return store.hierarchy.deleteFolder(request.user, request.folderId);
  }
}

async function serve(dataDir: string): Promise<void> {
  const store = EmbeddedStore.open(dataDir);
  try {
    for await (const line of createInterface({ input: process.stdin })) {
      const { id, request } = JSON.parse(line) as { id: number; request: WriterRequest };
      let answer: WriterAnswer;
      try {
        answer = { id, result: (await perform(store, request)) ?? null };
      } catch (error) {
        answer = { id, error: error instanceof Error ? error.message : String(error) };
      }
      process.stdout.write(`${JSON.stringify(answer)}\n`);
    }
  } finally {
    await store.close();
  }
}

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: change-feed-foreign-writer.ts <dataDir>');
await serve(dataDir);
