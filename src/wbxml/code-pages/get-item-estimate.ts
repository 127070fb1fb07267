// MS-ASWBXML 2.1.2.1.7 Code Page 6: GetItemEstimate.
// Version, Class and DateTime are for protocol 12.1 and earlier but keep their tokens.

import type { CodePage } from '../code-page.js';

export const GET_ITEM_ESTIMATE_PAGE: CodePage = {
  number: 6,
  namespace: 'GetItemEstimate',
  tags: {
    0x05: 'GetItemEstimate',
    0x06: 'Version',
    0x07: 'Collections',
    0x08: 'Collection',
    0x09: 'Class',
    0x0A: 'CollectionId',
    0x0B: 'DateTime',
    0x0C: 'Estimate',
    0x0D: 'Response',
    0x0E: 'Status',
  },
};
