// MS-ASWBXML 2.1.2.1.12 Code Page 11: ValidateCert.

import type { CodePage } from '../code-page.js';

export const VALIDATE_CERT_PAGE: CodePage = {
  number: 11,
  namespace: 'ValidateCert',
  tags: {
    0x05: 'ValidateCert',
    0x06: 'Certificates',
    0x07: 'Certificate',
    0x08: 'CertificateChain',
    0x09: 'CheckCRL',
    0x0A: 'Status',
  },
};
