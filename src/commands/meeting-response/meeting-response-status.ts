// MeetingResponse Result statuses (MS-ASCMD 2.2.3.177.9) and the common codes the command uses
// per Request (2.2.2: 103 too many Requests, 104 a bad InstanceId, 146 InstanceId on a meeting
// that does not recur).
export const MeetingResponseStatus = {
  Success: 1,
  /** Malformed request, not a meeting, the user's own meeting, an unknown item or occurrence. */
  InvalidMeetingRequest: 2,
  /** The mailbox could not be read or written (a retry may succeed). */
  MailboxError: 3,
  /** Anything else that went wrong on the server. */
  ServerError: 4,
  TooManyRequests: 103,
  InvalidDateTime: 104,
  NoRecurrenceInCalendar: 146,
} as const;

export type MeetingResponseStatus = (typeof MeetingResponseStatus)[keyof typeof MeetingResponseStatus];
