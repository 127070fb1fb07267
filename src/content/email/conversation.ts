// Conversation facts of a message (MS-ASCON, 14.0+): ConversationId groups a thread,
// ConversationIndex orders it, ThreadTopic names it. Internet mail has no conversation GUID, so
// the id is derived from what every message of a thread shares: the first Message-ID of its
// References (the thread root), else In-Reply-To, else its own Message-ID; a message with none
// of them falls back to its thread topic. Derivation is a hash, so every device and every
// server node computes the same id with no stored state.

import { hash } from 'node:crypto';
import type { MailContent } from './parse-mime.js';

/** Reply and forward prefixes in the languages clients commonly write them in. */
const SUBJECT_PREFIX = /^\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|antw|rif|tr|ref|odp|pd)\s*(?:\[\d{1,4}\])?\s*[:：]\s*)+/i;

/** 100 ns intervals from 1601-01-01 (the FILETIME epoch) to 1970-01-01. */
const FILETIME_UNIX_EPOCH = 116444736000000000n;

/** A References header listing more ancestors than this adds no ordering a phone shows. */
const MAX_RESPONSE_LEVELS = 16;

/** Thread-Topic header, else the subject without its Re:/Fwd: prefixes. */
export function threadTopicOf(content: MailContent): string {
  if (content.threadTopic !== undefined) return content.threadTopic;
  return content.subject.replace(SUBJECT_PREFIX, '').trim();
}

/** 16 opaque bytes naming the message's thread (MS-ASCON 2.2.2.3). */
export function conversationIdOf(content: MailContent, fallbackKey: string): Uint8Array {
  const root = content.references[0] ?? content.inReplyTo ?? content.messageId;
  const topic = threadTopicOf(content).toLowerCase();
  const key = root !== undefined ? `id:${root.trim().toLowerCase()}`
    : topic !== '' ? `topic:${topic}` : `item:${fallbackKey}`;
  // One-shot hashing: a Hash object per message cost more than the digest itself.
  return new Uint8Array(hash('sha256', key, 'buffer').subarray(0, 16));
}

/**
 * MS-ASCON 2.2.2.4: a 5-byte header from the time the message was sent (the top 40 bits of its
 * FILETIME, big-endian) followed by one 5-byte response level per ancestor. Ancestors' send
 * times are unknown here, so their levels carry a zero time delta and differ only in the low
 * "random" bits, taken from the ancestor's Message-ID: messages of one thread still sort by depth.
 */
export function conversationIndexOf(content: MailContent, sentAt: Date): Uint8Array {
  const levels = Math.min(content.references.length, MAX_RESPONSE_LEVELS);
  const out = new Uint8Array(5 + 5 * levels);
  const millis = Number.isNaN(sentAt.getTime()) ? 0 : sentAt.getTime();
  const filetime = BigInt(Math.max(0, millis)) * 10000n + FILETIME_UNIX_EPOCH;
  const header = filetime >> 24n;
  for (let i = 0; i < 5; i++) out[i] = Number((header >> BigInt(8 * (4 - i))) & 0xffn);
  for (let level = 0; level < levels; level++) {
    const ancestor = content.references[level] ?? '';
    const tag = hash('sha256', ancestor, 'buffer')[0] ?? 0;
    out[5 + level * 5 + 4] = tag;
  }
  return out;
}
