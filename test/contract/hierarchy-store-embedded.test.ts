// Runs the HierarchyStore contract on the embedded store.

import { embeddedStoreHarness } from './embedded-store-harness.js';
import { hierarchyStoreContract } from './hierarchy-store.contract.js';

hierarchyStoreContract('embedded', embeddedStoreHarness);
