// Runs the NoteStore contract on the embedded store.

import { noteStoreContract } from './note-store.contract.js';
import { embeddedStoreHarness } from './embedded-store-harness.js';

noteStoreContract('embedded', embeddedStoreHarness);
