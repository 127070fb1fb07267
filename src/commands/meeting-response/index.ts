// MeetingResponse (MS-ASCMD 2.2.1.11): the command definition the command set registers.
export { createMeetingResponseCommand } from './meeting-response-command.js';
export { MeetingResponseStatus } from './meeting-response-status.js';
