// MS-ASWBXML 2.1.2.1.16 Code Page 15: Search.
// 0x06, 0x16, 0x1C and 0x1D are unassigned.

import type { CodePage } from '../code-page.js';

export const SEARCH_PAGE: CodePage = {
  number: 15,
  namespace: 'Search',
  tags: {
    0x05: 'Search',
    0x07: 'Store',
    0x08: 'Name',
    0x09: 'Query',
    0x0A: 'Options',
    0x0B: 'Range',
    0x0C: 'Status',
    0x0D: 'Response',
    0x0E: 'Result',
    0x0F: 'Properties',
    0x10: 'Total',
    0x11: 'EqualTo',
    0x12: 'Value',
    0x13: 'And',
    0x14: 'Or',
    0x15: 'FreeText',
    0x17: 'DeepTraversal',
    0x18: 'LongId',
    0x19: 'RebuildResults',
    0x1A: 'LessThan',
    0x1B: 'GreaterThan',
    0x1E: 'UserName',
    0x1F: 'Password',
    0x20: 'ConversationId',
    0x21: 'Picture',
    0x22: 'MaxSize',
    0x23: 'MaxPictures',
  },
};
