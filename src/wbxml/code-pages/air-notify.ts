// MS-ASWBXML 2.1.2.1.4 Code Page 3: AirNotify.
// The spec keeps this page number but says it is no longer in use: tokens 0x05-0x17 were
// once defined and no tag is named any more, so every token here decodes as unknown.

import type { CodePage } from '../code-page.js';

export const AIR_NOTIFY_PAGE: CodePage = {
  number: 3,
  namespace: 'AirNotify',
  tags: {},
};
