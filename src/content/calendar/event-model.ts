// The Calendar class as EAS sees it (MS-ASCAL 2.2.2), between the iCalendar object and the WBXML
// tree: iCalendar → EasEvent → elements on the way out, elements → EasEvent → iCalendar on the way
// in. Times are the UTC instants the wire carries (for all-day events: the midnights EAS uses,
// zone midnights before 16.0 and floating "Z" midnights from 16.0). In an exception `undefined`
// means "as the series"; an empty string or list means "cleared for this occurrence".
import type { BodySource, ClientBody } from '../body/index.js';
import type { EasTimeZone } from '../timezone/index.js';

/** MS-ASCAL 2.2.2.45 Type. 4 is not used by Calendar. */
export type RecurrenceType = 0 | 1 | 2 | 3 | 5 | 6;

export interface EasRecurrence {
  readonly type: RecurrenceType;
  readonly interval?: number;
  readonly occurrences?: number;
  readonly until?: Date;
  /** Bitmask: Sunday 1, Monday 2, ... Saturday 64 (MS-ASCAL 2.2.2.15). */
  readonly dayOfWeek?: number;
  readonly dayOfMonth?: number;
  /** 1-4, or 5 for the last week of the month. */
  readonly weekOfMonth?: number;
  readonly monthOfYear?: number;
  /** 0 Sunday ... 6 Saturday (14.1+). */
  readonly firstDayOfWeek?: number;
  readonly calendarType?: number;
  readonly isLeapMonth?: boolean;
}

export interface EasAttendee {
  readonly email: string;
  readonly name?: string;
  /** 0 unknown, 2 tentative, 3 accepted, 4 declined, 5 not responded (MS-ASCAL 2.2.2.5). */
  readonly status?: number;
  /** 1 required, 2 optional, 3 resource (MS-ASCAL 2.2.2.6). */
  readonly type?: number;
}

export interface EasLocation {
  readonly displayName: string;
  readonly latitude?: number;
  readonly longitude?: number;
}

/** Fields a series and its exceptions share. */
export interface EasEventFields {
  readonly subject?: string;
  readonly start?: Date;
  readonly end?: Date;
  readonly allDay?: boolean;
  readonly location?: EasLocation;
  readonly categories?: readonly string[];
  /** 0 normal, 1 personal, 2 private, 3 confidential. */
  readonly sensitivity?: number;
  /** 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere. */
  readonly busyStatus?: number;
  /** Minutes before the start; null clears an exception's reminder. */
  readonly reminder?: number | null;
  readonly dtStamp?: Date;
  readonly meetingStatus?: number;
  readonly attendees?: readonly EasAttendee[];
  readonly appointmentReplyTime?: Date;
  readonly responseType?: number;
  /** Outbound: what the server has. */
  readonly body?: BodySource;
  /** Inbound: what the client sent (absent: keep the stored body). */
  readonly clientBody?: ClientBody;
  readonly onlineMeetingConfLink?: string;
  readonly onlineMeetingExternalLink?: string;
}

export interface EasException extends EasEventFields {
  readonly deleted: boolean;
  /** ExceptionStartTime (≤ 14.1) or AirSyncBase:InstanceId (16.x): the occurrence's original start. */
  readonly originalStart: Date;
}

export interface EasEvent extends EasEventFields {
  /** Absent for 16.x all-day events, which carry no Timezone (floating dates). */
  readonly timeZone?: EasTimeZone;
  readonly uid?: string;
  readonly organizerName?: string;
  readonly organizerEmail?: string;
  readonly recurrence?: EasRecurrence;
  /** Undefined: the client sent no Exceptions element (keep the stored ones). */
  readonly exceptions?: readonly EasException[];
  readonly responseRequested?: boolean;
  readonly disallowNewTimeProposal?: boolean;
}
