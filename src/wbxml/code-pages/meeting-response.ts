// MS-ASWBXML 2.1.2.1.9 Code Page 8: MeetingResponse.
// 0x0F is unassigned; 0x0D is a protocol 2.0 token the spec no longer lists, kept so an old
// client's request decodes. ProposedStartTime/EndTime arrived with 16.1.

import type { CodePage } from '../code-page.js';

export const MEETING_RESPONSE_PAGE: CodePage = {
  number: 8,
  namespace: 'MeetingResponse',
  tags: {
    0x05: 'CalendarId',
    0x06: 'CollectionId',
    0x07: 'MeetingResponse',
    0x08: 'RequestId',
    0x09: 'Request',
    0x0A: 'Result',
    0x0B: 'Status',
    0x0C: 'UserResponse',
    0x0D: 'Version', // EAS 2.0 only
    0x0E: 'InstanceId',
    0x10: 'ProposedStartTime',
    0x11: 'ProposedEndTime',
    0x12: 'SendResponse',
  },
};
