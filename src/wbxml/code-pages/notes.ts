// MS-ASWBXML 2.1.2.1.24 Code Page 23: Notes.

import type { CodePage } from '../code-page.js';

export const NOTES_PAGE: CodePage = {
  number: 23,
  namespace: 'Notes',
  tags: {
    0x05: 'Subject',
    0x06: 'MessageClass',
    0x07: 'LastModifiedDate',
    0x08: 'Categories',
    0x09: 'Category',
  },
};
