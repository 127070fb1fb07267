// MS-ASWBXML 2.1.2.1.13 Code Page 12: Contacts2.

import type { CodePage } from '../code-page.js';

export const CONTACTS2_PAGE: CodePage = {
  number: 12,
  namespace: 'Contacts2',
  tags: {
    0x05: 'CustomerId',
    0x06: 'GovernmentId',
    0x07: 'IMAddress',
    0x08: 'IMAddress2',
    0x09: 'IMAddress3',
    0x0A: 'ManagerName',
    0x0B: 'CompanyMainPhone',
    0x0C: 'AccountName',
    0x0D: 'NickName',
    0x0E: 'MMS',
  },
};
