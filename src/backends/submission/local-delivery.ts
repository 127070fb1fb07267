// Delivery into a local recipient's Inbox through the same store ports a device syncs from, so
// the append shows up in the next Sync and wakes a Ping held on that Inbox. The stored copy gets
// a Received: line (RFC 5321 4.4) and never a Bcc: field, even if a caller left one in.

import { Buffer } from 'node:buffer';
import { findDefaultFolder, FolderType } from '../../domain/folder.js';
import type { HierarchyStore } from '../../domain/hierarchy-store.js';
import type { MailStore } from '../../domain/mail-store.js';

export interface DeliveryPorts {
  readonly hierarchy: HierarchyStore;
  readonly mail: MailStore;
}

export interface ReceivedStamp {
  /** This server's host name. */
  readonly by: string;
  readonly recipient: string;
  readonly at: Date;
}

const LATIN1 = 'latin1';

/** RFC 5322 3.3 date-time in UTC, e.g. "Fri, 20 Nov 2026 10:00:00 +0000". */
export function rfc5322Date(at: Date): string {
  return at.toUTCString().replace(/GMT$/, '+0000');
}

/** The offset just past the header block's terminating empty line (or the end of the message). */
function headerEnd(text: string): number {
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, newline === -1 ? text.length : newline);
    if (line === '' || line === '\r') return lineStart;
    if (newline === -1) return text.length;
    lineStart = newline + 1;
  }
  return text.length;
}

/** The message without Bcc: fields (and their folded continuation lines). Bytes outside them stay as they are. */
export function withoutBcc(mime: Uint8Array): Uint8Array {
  const text = Buffer.from(mime.buffer, mime.byteOffset, mime.length).toString(LATIN1);
  const end = headerEnd(text);
  const lines = text.slice(0, end).split(/(?<=\n)/);
  let dropping = false;
  const kept = lines.filter((line) => {
    const continuation = line.startsWith(' ') || line.startsWith('\t');
    if (!continuation) dropping = /^bcc\s*:/i.test(line);
    return !dropping;
  });
  if (kept.length === lines.length) return mime;
  return new Uint8Array(Buffer.from(kept.join('') + text.slice(end), LATIN1));
}

/** Prepends a Received: line naming this server and the recipient, in the message's own line ending. */
export function withReceivedHeader(mime: Uint8Array, stamp: ReceivedStamp): Uint8Array {
  const firstNewline = mime.indexOf(0x0a);
  const eol = firstNewline > 0 && mime[firstNewline - 1] === 0x0d ? '\r\n' : firstNewline === -1 ? '\r\n' : '\n';
  const line = `Received: by ${stamp.by} (Pushbridge) with ActiveSync${eol}\tfor <${stamp.recipient}>; ${rfc5322Date(stamp.at)}${eol}`;
  const prefix = Buffer.from(line, LATIN1);
  const out = new Uint8Array(prefix.length + mime.length);
  out.set(prefix, 0);
  out.set(mime, prefix.length);
  return out;
}

/** Appends the message to the user's Inbox (the default folder of type 2). */
export async function deliverToInbox(ports: DeliveryPorts, user: string, mime: Uint8Array, receivedAt: Date): Promise<void> {
  const { folders } = await ports.hierarchy.listFolders(user);
  const inbox = findDefaultFolder(folders, FolderType.Inbox);
  if (inbox === undefined) throw new Error(`mailbox of ${user} has no Inbox`);
  await ports.mail.createItem(user, inbox.id, { mime, receivedAt });
}
