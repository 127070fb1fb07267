// MS-ASWBXML 2.1.2.1.3 Code Page 2: Email.
// 0x05-0x0E, 0x10 and 0x36-0x38 (attachment, body and MIME tags) are no longer listed by the
// spec but stay here: 2.5 uses them where 12.0+ uses AirSyncBase (MS-ASEMAIL 2.2.2.3-2.2.2.13,
// 2.2.2.28, 2.2.2.50-2.2.2.52). Location (0x21) and GlobalObjId (0x34) are limited to 2.5-14.1.

import type { CodePage } from '../code-page.js';

export const EMAIL_PAGE: CodePage = {
  number: 2,
  namespace: 'Email',
  tags: {
    0x05: 'Attachment', // EAS 2.5 only
    0x06: 'Attachments', // EAS 2.5 only
    0x07: 'AttName', // EAS 2.5 only
    0x08: 'AttSize', // EAS 2.5 only
    0x09: 'AttOid', // EAS 2.5 only
    0x0A: 'AttMethod', // EAS 2.5 only
    0x0B: 'AttRemoved', // EAS 2.5 only
    0x0C: 'Body', // EAS 2.5 only
    0x0D: 'BodySize', // EAS 2.5 only
    0x0E: 'BodyTruncated', // EAS 2.5 only
    0x0F: 'DateReceived',
    0x10: 'DisplayName', // EAS 2.5 only: attachment display name
    0x11: 'DisplayTo',
    0x12: 'Importance',
    0x13: 'MessageClass',
    0x14: 'Subject',
    0x15: 'Read',
    0x16: 'To',
    0x17: 'Cc',
    0x18: 'From',
    0x19: 'ReplyTo',
    0x1A: 'AllDayEvent',
    0x1B: 'Categories',
    0x1C: 'Category',
    0x1D: 'DtStamp',
    0x1E: 'EndTime',
    0x1F: 'InstanceType',
    0x20: 'BusyStatus',
    0x21: 'Location',
    0x22: 'MeetingRequest',
    0x23: 'Organizer',
    0x24: 'RecurrenceId',
    0x25: 'Reminder',
    0x26: 'ResponseRequested',
    0x27: 'Recurrences',
    0x28: 'Recurrence',
    0x29: 'Type',
    0x2A: 'Until',
    0x2B: 'Occurrences',
    0x2C: 'Interval',
    0x2D: 'DayOfWeek',
    0x2E: 'DayOfMonth',
    0x2F: 'WeekOfMonth',
    0x30: 'MonthOfYear',
    0x31: 'StartTime',
    0x32: 'Sensitivity',
    0x33: 'TimeZone',
    0x34: 'GlobalObjId',
    0x35: 'ThreadTopic',
    0x36: 'MIMEData', // EAS 2.5 only
    0x37: 'MIMETruncated', // EAS 2.5 only
    0x38: 'MIMESize', // EAS 2.5 only
    0x39: 'InternetCPID',
    0x3A: 'Flag',
    0x3B: 'Status',
    0x3C: 'ContentClass',
    0x3D: 'FlagType',
    0x3E: 'CompleteTime',
    0x3F: 'DisallowNewTimeProposal',
  },
};
