// The Task class as EAS sees it (MS-ASTASK 2.2.2), between the VTODO and the WBXML tree. Every
// date is a Date: Utc* and DateCompleted/ReminderTime are real UTC instants; StartDate and DueDate
// are the user's local wall time written with a "Z" (MS-ASTASK 2.2.2.26/2.2.2.12), so they are
// carried as "local fields read as UTC".
import type { BodySource, ClientBody } from '../body/index.js';
import type { TaskRecurrence } from '../calendar/recurrence-elements.js';

export interface EasTask {
  readonly subject?: string;
  /** 0 low, 1 normal, 2 high (MS-ASTASK 2.2.2.14). */
  readonly importance?: number;
  readonly utcStartDate?: Date;
  readonly startDate?: Date;
  readonly utcDueDate?: Date;
  readonly dueDate?: Date;
  readonly complete?: boolean;
  readonly dateCompleted?: Date;
  /** 0 normal, 1 personal, 2 private, 3 confidential. */
  readonly sensitivity?: number;
  readonly reminderSet?: boolean;
  readonly reminderTime?: Date;
  readonly categories?: readonly string[];
  readonly recurrence?: TaskRecurrence;
  /** Outbound: what the server has. */
  readonly body?: BodySource;
  /** Inbound: what the client sent (absent: keep the stored body). */
  readonly clientBody?: ClientBody;
}
