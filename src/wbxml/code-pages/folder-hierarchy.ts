// MS-ASWBXML 2.1.2.1.8 Code Page 7: FolderHierarchy.
// Folders and Folder are no longer sent by current servers but keep their tokens. 0x0B, 0x0D
// and 0x18 are protocol 2.0 tokens the spec no longer lists, kept so an old client's request
// decodes instead of failing on an unknown token.

import type { CodePage } from '../code-page.js';

export const FOLDER_HIERARCHY_PAGE: CodePage = {
  number: 7,
  namespace: 'FolderHierarchy',
  tags: {
    0x05: 'Folders',
    0x06: 'Folder',
    0x07: 'DisplayName',
    0x08: 'ServerId',
    0x09: 'ParentId',
    0x0A: 'Type',
    0x0B: 'Response', // EAS 2.0 only
    0x0C: 'Status',
    0x0D: 'ContentClass', // EAS 2.0 only
    0x0E: 'Changes',
    0x0F: 'Add',
    0x10: 'Delete',
    0x11: 'Update',
    0x12: 'SyncKey',
    0x13: 'FolderCreate',
    0x14: 'FolderDelete',
    0x15: 'FolderUpdate',
    0x16: 'FolderSync',
    0x17: 'Count',
    0x18: 'Version', // EAS 2.0 only
  },
};
