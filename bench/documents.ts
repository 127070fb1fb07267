// Realistic EAS documents for the codec benchmark, built with the codec's own tree helpers and a
// seeded generator so every run measures the same bytes: a large mail Sync response, a burst of
// small Ping responses, a big folder hierarchy, 2 KB bodies, and MIME-sized bodies.

import { isElement, element, type WbxmlElement } from '../src/wbxml/index.js';

/** mulberry32: tiny, fast, deterministic; quality is irrelevant here, repeatability is not. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('the meeting agenda budget quarterly report please review attached draft thanks regards project deadline '
  + 'customer invoice schedule update team lunch tomorrow office travel approval contract proposal next week call notes '
  + 'Grüße Rechnung réunion über façade naïve 東京 会議').split(' ');

/** Header fields are 7-bit (RFC 2047 encodes the rest), so MIME headers draw from these only. */
const ASCII_WORDS = WORDS.filter((w) => /^[\x20-\x7e]+$/.test(w));

function words(random: () => number, count: number, pool: readonly string[] = WORDS): string {
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) out.push(pool[Math.floor(random() * pool.length)] ?? 'x');
  return out.join(' ');
}

/** Text of roughly `bytes` UTF-8 bytes, in lines like a mail body (some non-ASCII, as decoded text has). */
export function bodyText(random: () => number, bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = `${words(random, 12)}.\r\n`;
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  return lines.join('');
}

/** A MIME message of about `bytes` bytes: a short text part and a base64 attachment, 7-bit ASCII like real MIME. */
export function mimeMessage(random: () => number, bytes: number): string {
  const head = [
    'From: "Sender" <sender@example.net>', 'To: "Alice Example" <alice@example.org>', `Subject: ${words(random, 6, ASCII_WORDS)}`,
    'Date: Mon, 01 Jan 2024 09:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"', '',
    '--b1', 'Content-Type: text/plain; charset=us-ascii', '', 'Please find the report attached.', '',
    '--b1', 'Content-Type: application/pdf; name="report.pdf"', 'Content-Transfer-Encoding: base64', '', '',
  ].join('\r\n');
  const base64 = Buffer.from(bytesOf(random, Math.floor(((bytes - head.length) * 57) / 78))).toString('base64');
  const lines = base64.match(/.{1,76}/g) ?? [];
  return `${head}${lines.join('\r\n')}\r\n--b1--\r\n`;
}

/**
 * The same text as one flat string, the form a MIME parser or TextDecoder hands over. A string
 * built with + or a template stays a V8 rope, which native UTF-8 calls walk several times slower
 * (BENCHMARKS.md shows both).
 */
export function flatten(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

function bytesOf(random: () => number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) out[i] = Math.floor(random() * 256);
  return out;
}

/** One Sync Add of an e-mail with the fields iOS and Android receive (MS-ASEMAIL, MS-ASAIRS). */
function emailAdd(random: () => number, index: number, body: WbxmlElement): WbxmlElement {
  const sender = `${words(random, 1)}.${index}@example.net`;
  const date = new Date(Date.UTC(2024, 0, 1) + index * 61_000).toISOString();
  return element('AirSync:Add', [
    element('AirSync:ServerId', `5:${100000 + index}`),
    element('AirSync:ApplicationData', [
      element('Email:To', '"Alice Example" <alice@example.org>'),
      element('Email:Cc', '"Bob" <bob@example.org>, "Carol" <carol@example.org>'),
      element('Email:From', `"${words(random, 2)}" <${sender}>`),
      element('Email:Subject', words(random, 8)),
      element('Email:ReplyTo', sender),
      element('Email:DateReceived', date),
      element('Email:DisplayTo', 'Alice Example'),
      element('Email:ThreadTopic', words(random, 6)),
      element('Email:Importance', '1'),
      element('Email:Read', index % 3 === 0 ? '1' : '0'),
      body,
      element('Email:MessageClass', 'IPM.Note'),
      element('Email:InternetCPID', '65001'),
      element('Email:Flag'),
      element('Email:ContentClass', 'urn:content-classes:message'),
      element('AirSyncBase:NativeBodyType', '2'),
      element('Email2:ConversationId', bytesOf(random, 16)),
      element('Email2:ConversationIndex', bytesOf(random, 5)),
      element('Email:Categories'),
    ]),
  ]);
}

function textBody(random: () => number, bytes: number): WbxmlElement {
  const text = bodyText(random, bytes);
  return element('AirSyncBase:Body', [
    element('AirSyncBase:Type', '1'),
    element('AirSyncBase:EstimatedDataSize', String(Buffer.byteLength(text) * 3)),
    element('AirSyncBase:Truncated', '1'),
    element('AirSyncBase:Data', text),
  ]);
}

function syncResponse(adds: WbxmlElement[], moreAvailable: boolean): WbxmlElement {
  return element('AirSync:Sync', element('AirSync:Collections', element('AirSync:Collection', [
    element('AirSync:SyncKey', '{9b6f0c1e-5a4d-4c2b-8f3e-1d2c3b4a5f60}42'),
    element('AirSync:CollectionId', '5'),
    element('AirSync:Status', '1'),
    ...(moreAvailable ? [element('AirSync:MoreAvailable')] : []),
    element('AirSync:Commands', adds),
  ])));
}

/** ~1 MB: 500 mails with 1.5 KB plain-text previews, the shape of a large initial Inbox window. */
export function syncOf500Emails(): WbxmlElement {
  const random = seededRandom(1);
  return syncResponse(Array.from({ length: 500 }, (_, i) => emailAdd(random, i, textBody(random, 1500))), true);
}

/** 100 mails with 2 KB bodies (BENCHMARKING.md "a Sync of 100 × 2 KB bodies"). */
export function syncOf100x2KB(): WbxmlElement {
  const random = seededRandom(2);
  return syncResponse(Array.from({ length: 100 }, (_, i) => emailAdd(random, i, textBody(random, 2048))), false);
}

/**
 * 20 mails carrying 1 MB bodies each: MIME as OPAQUE (Type 4, CLIENT-QUIRKS §6.2), the same
 * 7-bit MIME as an inline string (clients that send MIME inline), that string left as the rope
 * the template built, or 1 MB of decoded UTF-8 text with non-ASCII characters (a long plain or
 * HTML body).
 */
export function syncOfLargeBodies(kind: 'opaque' | 'string' | 'rope' | 'text'): WbxmlElement {
  const random = seededRandom({ opaque: 3, string: 4, rope: 4, text: 6 }[kind]);
  const mime = kind === 'text' ? bodyText(random, 1024 * 1024) : mimeMessage(random, 1024 * 1024);
  const content = kind === 'rope' ? mime : flatten(mime);
  const data = kind === 'opaque' ? new Uint8Array(Buffer.from(content, 'utf8')) : content;
  return syncResponse(Array.from({ length: 20 }, (_, i) => emailAdd(random, i, element('AirSyncBase:Body', [
    element('AirSyncBase:Type', kind === 'text' ? '1' : '4'),
    element('AirSyncBase:EstimatedDataSize', String(Buffer.byteLength(content))),
    element('AirSyncBase:Data', data),
  ]))), false);
}

/** A Sync of 100 small items (BENCHMARKING.md): a contacts window, every field a short string. */
export function syncOf100Contacts(): WbxmlElement {
  const random = seededRandom(7);
  const adds = Array.from({ length: 100 }, (_, i) => {
    const [first, last] = [words(random, 1, ASCII_WORDS), words(random, 1, ASCII_WORDS)];
    return element('AirSync:Add', [
      element('AirSync:ServerId', `3:${i + 1}`),
      element('AirSync:ApplicationData', [
        element('Contacts:FileAs', `${last}, ${first}`),
        element('Contacts:FirstName', first),
        element('Contacts:LastName', last),
        element('Contacts:CompanyName', `${words(random, 2, ASCII_WORDS)} GmbH`),
        element('Contacts:JobTitle', words(random, 2, ASCII_WORDS)),
        element('Contacts:Email1Address', `${first}.${last}${i}@example.com`),
        element('Contacts:MobilePhoneNumber', `+49 170 ${1000000 + i * 7919}`),
        element('Contacts:BusinessPhoneNumber', `+49 30 ${200000 + i * 104729}`),
        element('Contacts:BusinessAddressCity', words(random, 1, ASCII_WORDS)),
      ]),
    ]);
  });
  return element('AirSync:Sync', element('AirSync:Collections', element('AirSync:Collection', [
    element('AirSync:SyncKey', '{2c1d6e0f-7a3b-4d5c-9e8f-a1b2c3d4e5f6}7'),
    element('AirSync:CollectionId', '3'),
    element('AirSync:Status', '1'),
    element('AirSync:Commands', adds),
  ])));
}

/** FolderSync from key 0 for a mailbox of 500 folders in a 3-level tree. */
export function folderSyncOf500(): WbxmlElement {
  const random = seededRandom(5);
  const adds = Array.from({ length: 500 }, (_, i) => element('FolderHierarchy:Add', [
    element('FolderHierarchy:ServerId', `f${i + 1}`),
    element('FolderHierarchy:ParentId', i < 10 ? '0' : `f${Math.floor(i / 10)}`),
    element('FolderHierarchy:DisplayName', words(random, 2)),
    element('FolderHierarchy:Type', i === 0 ? '2' : '12'),
  ]));
  return element('FolderHierarchy:FolderSync', [
    element('FolderHierarchy:Status', '1'),
    element('FolderHierarchy:SyncKey', '{0f4c1a2b-3d4e-5f60-7182-93a4b5c6d7e8}1'),
    element('FolderHierarchy:Changes', [element('FolderHierarchy:Count', '500'), ...adds]),
  ]);
}

/** The Ping answers a push hub sends when mail arrives: Status 2 with one to three folders. */
export function pingResponses(count: number): WbxmlElement[] {
  return Array.from({ length: count }, (_, i) => element('Ping:Ping', [
    element('Ping:Status', '2'),
    element('Ping:Folders', Array.from({ length: 1 + (i % 3) }, (_, j) => element('Ping:Folder', `f${(i + j) % 40}`))),
  ]));
}

/** The Ping requests phones send (BENCHMARKING.md "a Ping request"): a heartbeat and one to three folders to watch. */
export function pingRequests(count: number): WbxmlElement[] {
  const classes = ['Email', 'Calendar', 'Contacts'];
  return Array.from({ length: count }, (_, i) => element('Ping:Ping', [
    element('Ping:HeartbeatInterval', String(480 + (i % 4) * 120)),
    element('Ping:Folders', Array.from({ length: 1 + (i % 3) }, (_, j) => element('Ping:Folder', [
      element('Ping:Id', `f${(i + j) % 40}`),
      element('Ping:Class', classes[j] ?? 'Email'),
    ]))),
  ]));
}

export function countElements(root: WbxmlElement): number {
  let count = 0;
  const stack: WbxmlElement[] = [root];
  for (let el = stack.pop(); el !== undefined; el = stack.pop()) {
    count += 1;
    for (const child of el.children) if (isElement(child)) stack.push(child);
  }
  return count;
}
