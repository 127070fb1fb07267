// MS-ASWBXML 2.1.2.1.14 Code Page 13: Ping.
// AutdState (0x06) is defined but not used by the protocol.

import type { CodePage } from '../code-page.js';

export const PING_PAGE: CodePage = {
  number: 13,
  namespace: 'Ping',
  tags: {
    0x05: 'Ping',
    0x06: 'AutdState',
    0x07: 'Status',
    0x08: 'HeartbeatInterval',
    0x09: 'Folders',
    0x0A: 'Folder',
    0x0B: 'Id',
    0x0C: 'Class',
    0x0D: 'MaxFolders',
  },
};
