// Runs the TaskStore contract on the embedded store.

import { taskStoreContract } from './task-store.contract.js';
import { embeddedStoreHarness } from './embedded-store-harness.js';

taskStoreContract('embedded', embeddedStoreHarness);
