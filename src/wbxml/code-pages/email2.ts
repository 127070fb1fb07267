// MS-ASWBXML 2.1.2.1.23 Code Page 22: Email2.
// 0x14 is unassigned.

import type { CodePage } from '../code-page.js';

export const EMAIL2_PAGE: CodePage = {
  number: 22,
  namespace: 'Email2',
  tags: {
    0x05: 'UmCallerID',
    0x06: 'UmUserNotes',
    0x07: 'UmAttDuration',
    0x08: 'UmAttOrder',
    0x09: 'ConversationId',
    0x0A: 'ConversationIndex',
    0x0B: 'LastVerbExecuted',
    0x0C: 'LastVerbExecutionTime',
    0x0D: 'ReceivedAsBcc',
    0x0E: 'Sender',
    0x0F: 'CalendarType',
    0x10: 'IsLeapMonth',
    0x11: 'AccountId',
    0x12: 'FirstDayOfWeek',
    0x13: 'MeetingMessageType',
    0x15: 'IsDraft',
    0x16: 'Bcc',
    0x17: 'Send',
  },
};
