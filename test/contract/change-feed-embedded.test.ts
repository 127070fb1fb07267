// Runs the ChangeFeed contract on the embedded store.

import { changeFeedContract } from './change-feed.contract.js';
import { embeddedStoreHarness } from './embedded-store-harness.js';

changeFeedContract('embedded', embeddedStoreHarness);
