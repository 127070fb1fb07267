// MS-ASWBXML 2.1.2.1.20 Code Page 19: DocumentLibrary.

import type { CodePage } from '../code-page.js';

export const DOCUMENT_LIBRARY_PAGE: CodePage = {
  number: 19,
  namespace: 'DocumentLibrary',
  tags: {
    0x05: 'LinkId',
    0x06: 'DisplayName',
    0x07: 'IsFolder',
    0x08: 'CreationDate',
    0x09: 'LastModifiedDate',
    0x0A: 'IsHidden',
    0x0B: 'ContentLength',
    0x0C: 'ContentType',
  },
};
