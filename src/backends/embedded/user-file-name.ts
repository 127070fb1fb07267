// Maps a user name to the file name of that user's mailbox database under <dataDir>/users/. The
// mapping must be injective (two users never share a file) and must never leave the directory,
// whatever the name holds: path separators, "..", NUL, or letters a case-insensitive file system
// would fold together.

import { createHash } from 'node:crypto';
import { InvalidInputError } from '../../domain/errors.js';

const FILE_SUFFIX = '.sqlite';
// Most file systems cap a name at 255 bytes; longer encodings keep a readable prefix plus a hash.
const MAX_ENCODED_CHARS = 200;
const HASHED_PREFIX_CHARS = 120;
// Kept as is: lower-case letters, digits and the punctuation of ordinary e-mail addresses. '.' is
// kept only after the first character so no name becomes "." or ".." or a hidden file.
const PLAIN = /[a-z0-9@._+-]/;

/** Canonical form of a user name: the embedded accounts store lower-cased addresses. */
export function canonicalUser(user: string): string {
  return user.normalize('NFC').toLowerCase();
}

function encodeChar(char: string, index: number): string {
  if (PLAIN.test(char) && !(char === '.' && index === 0)) return char;
  return [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

/** "alice@example.org" → "alice@example.org.sqlite"; every other character is %-encoded. */
export function userFileName(user: string): string {
  const canonical = canonicalUser(user);
  if (canonical.length === 0) throw new InvalidInputError('the user name must not be empty');
  const encoded = [...canonical].map(encodeChar).join('');
  if (encoded.length <= MAX_ENCODED_CHARS) return encoded + FILE_SUFFIX;
  // '~' never appears in a plain encoding, so a hashed name cannot collide with a short one.
  const digest = createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 32);
  return `${encoded.slice(0, HASHED_PREFIX_CHARS).replace(/%[0-9a-f]?$/, '')}~${digest}${FILE_SUFFIX}`;
}
