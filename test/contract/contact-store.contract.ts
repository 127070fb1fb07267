// ContactStore contract: the shared item-store suites over vCard text, photos included.

import type { ContactContent, ItemRef, StoredItem } from '../../src/domain/item.js';
import { itemStoreContract } from './item-store.contract.js';
import type { ItemStoreSpec } from './item-store-kit.js';
import type { StoreHarnessFactory } from './store-harness.js';

export function sampleContact(n: number): ContactContent {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `UID:contact-${n}@example.org`,
    `FN:Zoë Ünal ${n}`,
    `N:Ünal;Zoë ${n};;;`,
    `EMAIL;TYPE=INTERNET:zoe${n}@example.org`,
    // A folded base64 photo line: long content lines must survive as they are.
    `PHOTO;ENCODING=b;TYPE=JPEG:${Buffer.alloc(60, n).toString('base64')}`,
    ` ${Buffer.alloc(30, n + 1).toString('base64')}`,
    'END:VCARD',
  ];
  return { vcard: lines.join('\r\n') + '\r\n' };
}

export const contactSpec: ItemStoreSpec<ContactContent, StoredItem<ContactContent>, ItemRef> = {
  store: (stores) => stores.contacts,
  defaultFolderType: 9,
  userFolderType: 14,
  foreignFolderType: 7,
  sample: sampleContact,
  written: (input) => input.vcard,
  read: (item) => item.content.vcard,
  invalidInputs: [{ vcard: '' }, { vcard: 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' }],
};

export function contactStoreContract(name: string, factory: StoreHarnessFactory): void {
  itemStoreContract(`ContactStore contract: ${name}`, factory, contactSpec);
}
