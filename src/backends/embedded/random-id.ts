// Ids for folders and items of the embedded store, and the per-file epoch that change tokens carry.

import { createHash, randomBytes } from 'node:crypto';

// 80 random bits in Crockford-style base32: ids stay short, and neither this user nor any other
// will ever see the same id twice (a collision needs about 2^40 ids in one mailbox).
const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(byteCount = 10): string {
  return encodeId(randomBytes(byteCount));
}

/**
 * An item id derived from a writer's idempotency key (CreateOptions.clientRef): the same key always
 * names the same id, so a retried create finds the first one. 80 bits of SHA-256, like newId's.
 */
export function idForClientRef(clientRef: string): string {
  return encodeId(createHash('sha256').update(`client-ref\u0000${clientRef}`).digest().subarray(0, 10));
}

function encodeId(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let id = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      id += ID_ALPHABET.charAt((value >>> bits) & 31);
    }
  }
  return id;
}

