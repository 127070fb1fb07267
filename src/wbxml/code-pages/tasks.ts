// MS-ASWBXML 2.1.2.1.10 Code Page 9: Tasks.
// 0x05-0x07 and 0x21 are no longer listed by the spec (task bodies moved to AirSyncBase in
// 12.0) but stay here: 2.5 clients sync task bodies with them (MS-ASTASK 2.2.2.1.2-2.2.2.3).

import type { CodePage } from '../code-page.js';

export const TASKS_PAGE: CodePage = {
  number: 9,
  namespace: 'Tasks',
  tags: {
    0x05: 'Body', // EAS 2.5 only
    0x06: 'BodySize', // EAS 2.5 only
    0x07: 'BodyTruncated', // EAS 2.5 only
    0x08: 'Categories',
    0x09: 'Category',
    0x0A: 'Complete',
    0x0B: 'DateCompleted',
    0x0C: 'DueDate',
    0x0D: 'UtcDueDate',
    0x0E: 'Importance',
    0x0F: 'Recurrence',
    0x10: 'Type',
    0x11: 'Start',
    0x12: 'Until',
    0x13: 'Occurrences',
    0x14: 'Interval',
    0x15: 'DayOfMonth',
    0x16: 'DayOfWeek',
    0x17: 'WeekOfMonth',
    0x18: 'MonthOfYear',
    0x19: 'Regenerate',
    0x1A: 'DeadOccur',
    0x1B: 'ReminderSet',
    0x1C: 'ReminderTime',
    0x1D: 'Sensitivity',
    0x1E: 'StartDate',
    0x1F: 'UtcStartDate',
    0x20: 'Subject',
    0x21: 'CompressedRTF', // EAS 2.5 only: body as compressed RTF (Windows Mobile)
    0x22: 'OrdinalDate',
    0x23: 'SubOrdinalDate',
    0x24: 'CalendarType',
    0x25: 'IsLeapMonth',
    0x26: 'FirstDayOfWeek',
  },
};
