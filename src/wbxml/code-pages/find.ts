// MS-ASWBXML 2.1.2.1.26 Code Page 25: Find.
// 0x0F, 0x10 and 0x1A-0x1F are unassigned; the whole page is protocol 16.1.
// GalSearchCriterion is spelled as in MS-ASWBXML (MS-ASCMD writes GALSearchCriterion).

import type { CodePage } from '../code-page.js';

export const FIND_PAGE: CodePage = {
  number: 25,
  namespace: 'Find',
  tags: {
    0x05: 'Find',
    0x06: 'SearchId',
    0x07: 'ExecuteSearch',
    0x08: 'MailBoxSearchCriterion',
    0x09: 'Query',
    0x0A: 'Status',
    0x0B: 'FreeText',
    0x0C: 'Options',
    0x0D: 'Range',
    0x0E: 'DeepTraversal',
    0x11: 'Response',
    0x12: 'Result',
    0x13: 'Properties',
    0x14: 'Preview',
    0x15: 'HasAttachments',
    0x16: 'Total',
    0x17: 'DisplayCc',
    0x18: 'DisplayBcc',
    0x19: 'GalSearchCriterion',
    0x20: 'MaxPictures',
    0x21: 'MaxSize',
    0x22: 'Picture',
  },
};
