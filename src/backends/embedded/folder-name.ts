// Folder display names in the embedded store: what is accepted, and the key under which names
// must be unique within one parent.

import { InvalidInputError } from '../../domain/errors.js';

// Exchange limits folder names to 255 characters; longer ones are a client bug or an attack.
const MAX_FOLDER_NAME_CHARS = 255;

/** Key for the per-parent unique name index: Exchange compares folder names case-insensitively. */
export function folderNameKey(displayName: string): string {
  return displayName.normalize('NFC').toLowerCase();
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Returns the name if a folder may carry it; throws InvalidInputError otherwise. */
export function checkFolderName(displayName: string): string {
  if (typeof displayName !== 'string' || displayName.trim().length === 0) throw new InvalidInputError('the folder name must not be empty');
  if ([...displayName].length > MAX_FOLDER_NAME_CHARS) throw new InvalidInputError(`the folder name must be at most ${MAX_FOLDER_NAME_CHARS} characters`);
  // Control characters would break IMAP mailbox names and every log line they appear in.
  if (hasControlCharacter(displayName)) throw new InvalidInputError('the folder name must not contain control characters');
  return displayName;
}
