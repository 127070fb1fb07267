// Ids for folders and items of the embedded store, and the per-file epoch that change tokens carry.

import { randomBytes } from 'node:crypto';

// 80 random bits in Crockford-style base32: ids stay short, and neither this user nor any other
// will ever see the same id twice (a collision needs about 2^40 ids in one mailbox).
const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function newId(byteCount = 10): string {
  const bytes = randomBytes(byteCount);
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

