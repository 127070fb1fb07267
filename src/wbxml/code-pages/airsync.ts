// MS-ASWBXML 2.1.2.1.1 Code Page 0: AirSync.
// 0x11, 0x19, 0x1A and 0x1F are no longer listed by the spec but stay here: 2.5 clients send
// Truncation/RTFTruncation in Sync Options (MS-ASCMD 2.2.3.185), and an unknown token would
// fail the whole request. Version and NotifyGUID are older still (2.0) and kept for the same reason.

import type { CodePage } from '../code-page.js';

export const AIRSYNC_PAGE: CodePage = {
  number: 0,
  namespace: 'AirSync',
  tags: {
    0x05: 'Sync',
    0x06: 'Responses',
    0x07: 'Add',
    0x08: 'Change',
    0x09: 'Delete',
    0x0A: 'Fetch',
    0x0B: 'SyncKey',
    0x0C: 'ClientId',
    0x0D: 'ServerId',
    0x0E: 'Status',
    0x0F: 'Collection',
    0x10: 'Class',
    0x11: 'Version', // EAS 2.0 only: protocol version inside Sync; decoded so old stacks do not fail
    0x12: 'CollectionId',
    0x13: 'GetChanges',
    0x14: 'MoreAvailable',
    0x15: 'WindowSize',
    0x16: 'Commands',
    0x17: 'Options',
    0x18: 'FilterType',
    0x19: 'Truncation', // EAS 2.5 only: body truncation (AirSyncBase replaced it in 12.0)
    0x1A: 'RTFTruncation', // EAS 2.5 only: compressed RTF body truncation
    0x1B: 'Conflict',
    0x1C: 'Collections',
    0x1D: 'ApplicationData',
    0x1E: 'DeletesAsMoves',
    0x1F: 'NotifyGUID', // EAS 2.0/2.5 only: AirNotify-era push identifier
    0x20: 'Supported',
    0x21: 'SoftDelete',
    0x22: 'MIMESupport',
    0x23: 'MIMETruncation',
    0x24: 'Wait',
    0x25: 'Limit',
    0x26: 'Partial',
    0x27: 'ConversationMode',
    0x28: 'MaxItems',
    0x29: 'HeartbeatInterval',
  },
};
