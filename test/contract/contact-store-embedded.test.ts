// Runs the ContactStore contract on the embedded store.

import { contactStoreContract } from './contact-store.contract.js';
import { embeddedStoreHarness } from './embedded-store-harness.js';

contactStoreContract('embedded', embeddedStoreHarness);
