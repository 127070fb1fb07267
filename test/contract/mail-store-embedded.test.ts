// Runs the MailStore contract on the embedded store.

import { mailStoreContract } from './mail-store.contract.js';
import { embeddedStoreHarness } from './embedded-store-harness.js';

mailStoreContract('embedded', embeddedStoreHarness);
