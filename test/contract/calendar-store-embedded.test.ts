// Runs the CalendarStore contract on the embedded store.

import { calendarStoreContract } from './calendar-store.contract.js';
import { embeddedStoreHarness } from './embedded-store-harness.js';

calendarStoreContract('embedded', embeddedStoreHarness);
