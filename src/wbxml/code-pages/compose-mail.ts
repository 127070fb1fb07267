// MS-ASWBXML 2.1.2.1.22 Code Page 21: ComposeMail.
// 0x0A and 0x14 are unassigned.

import type { CodePage } from '../code-page.js';

export const COMPOSE_MAIL_PAGE: CodePage = {
  number: 21,
  namespace: 'ComposeMail',
  tags: {
    0x05: 'SendMail',
    0x06: 'SmartForward',
    0x07: 'SmartReply',
    0x08: 'SaveInSentItems',
    0x09: 'ReplaceMime',
    0x0B: 'Source',
    0x0C: 'FolderId',
    0x0D: 'ItemId',
    0x0E: 'LongId',
    0x0F: 'InstanceId',
    0x10: 'Mime',
    0x11: 'ClientId',
    0x12: 'Status',
    0x13: 'AccountId',
    0x15: 'Forwardees',
    0x16: 'Forwardee',
    0x17: 'ForwardeeName',
    0x18: 'ForwardeeEmail',
  },
};
