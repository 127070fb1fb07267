// NoteStore contract: the shared item-store suites over notes (subject, plain-text body,
// categories), including empty subjects and category lists.

import type { ItemRef, NoteContent, StoredItem } from '../../src/domain/item.js';
import { itemStoreContract } from './item-store.contract.js';
import type { ItemStoreSpec } from './item-store-kit.js';
import type { StoreHarnessFactory } from './store-harness.js';

export function sampleNote(n: number): NoteContent {
  return {
    subject: n % 3 === 0 ? '' : `Einkaufsliste ${n}`,
    body: `Milch\r\nBrot\nÄpfel × ${n}\n`,
    categories: n % 2 === 0 ? [] : ['Privat', `Liste ${n}`],
  };
}

export const noteSpec: ItemStoreSpec<NoteContent, StoredItem<NoteContent>, ItemRef> = {
  store: (stores) => stores.notes,
  defaultFolderType: 10,
  userFolderType: 17,
  foreignFolderType: 2,
  sample: sampleNote,
  written: (input) => ({ subject: input.subject, body: input.body, categories: [...input.categories] }),
  read: (item) => ({ subject: item.content.subject, body: item.content.body, categories: [...item.content.categories] }),
  invalidInputs: [
    { subject: 'Bad', body: 'categories are not a list', categories: 'Privat' as unknown as string[] },
    { subject: 7 as unknown as string, body: 'subject is not text', categories: [] },
  ],
};

export function noteStoreContract(name: string, factory: StoreHarnessFactory): void {
  itemStoreContract(`NoteStore contract: ${name}`, factory, noteSpec);
}
