// Policy keys (MS-ASPROV 2.2.2.42): random non-zero 32-bit unsigned integers. Zero is never handed
// out, not even as the temporary key, because 0 means "no key" on the wire and iOS 4 refused a
// Provision answer carrying it (CLIENT-QUIRKS §1).

import { randomInt } from 'node:crypto';

const KEY_LIMIT = 0x1_0000_0000;

/** A fresh key, different from every key in `avoid`. */
export function newPolicyKey(avoid: readonly (number | null)[] = []): number {
  for (;;) {
    const key = randomInt(1, KEY_LIMIT);
    if (!avoid.includes(key)) return key;
  }
}

/** The key a request body carries, or undefined when it is not a 32-bit unsigned integer. */
export function readPolicyKey(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return undefined;
  const key = Number(trimmed);
  return key < KEY_LIMIT ? key : undefined;
}
