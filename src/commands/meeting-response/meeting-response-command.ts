// MeetingResponse (MS-ASCMD 2.2.1.11): accept, tentatively accept or decline meeting requests.
// Each Request is answered on its own, in order: find the meeting (meeting-source.ts), write the
// answer into the calendar (meeting-calendar.ts), send the organizer the REPLY when a 16.x client
// asks for it and move the request mail to Deleted Items (meeting-notify.ts). The Result echoes
// RequestId and InstanceId as sent and carries the CalendarId unless the meeting was declined
// (2.2.3.18). Store failures are Status 3 for that Request; anything unexpected is Status 4 and
// logged, and the other Requests still run.
import { deviceKey } from '../../domain/device.js';
import { StoreError } from '../../domain/errors.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { CommandDeps } from '../command-deps.js';
import { CommandResults, type CommandContext, type CommandDefinition } from '../registry.js';
import { answerInCalendar, calendarIdFor, type CalendarLocks } from './meeting-calendar.js';
import { retireRequestMail, sendMeetingReply } from './meeting-notify.js';
import { readMeetingResponseRequest, type MeetingAnswer, type ReadRequest } from './meeting-response-request.js';
import { MeetingResponseStatus } from './meeting-response-status.js';
import { MeetingRefusal, locateMeeting, type MeetingContext } from './meeting-source.js';

interface Outcome {
  readonly status: number;
  readonly calendarId?: string;
}

function resultElement(request: ReadRequest, outcome: Outcome): WbxmlElement {
  return element('MeetingResponse:Result', [
    ...(request.requestId === undefined ? [] : [element('MeetingResponse:RequestId', request.requestId)]),
    element('MeetingResponse:Status', String(outcome.status)),
    ...(outcome.calendarId === undefined ? [] : [element('MeetingResponse:CalendarId', outcome.calendarId)]),
    // Echoed as sent; the response schema only allows the 24-character dateTime form.
    ...(request.instanceId?.length === 24 ? [element('MeetingResponse:InstanceId', request.instanceId)] : []),
  ]);
}

function meetingContext(deps: CommandDeps, ctx: CommandContext): MeetingContext {
  const { user } = ctx;
  const primary = user.email ?? (user.username.includes('@') ? user.username : undefined);
  const addresses = [...new Set([primary, user.username].filter((a): a is string => a !== undefined && a.includes('@')))];
  return {
    deps,
    key: deviceKey(user.username, ctx.deviceId),
    user: user.username,
    addresses,
    ...(user.displayName === undefined ? {} : { displayName: user.displayName }),
    calendar: { protocolVersion: ctx.protocolVersion, bodyPreferences: [], userAddresses: addresses },
    log: ctx.log,
    now: new Date(deps.clock()),
  };
}

async function answerOne(mc: MeetingContext, answer: MeetingAnswer, locks: CalendarLocks | undefined): Promise<Outcome> {
  try {
    const source = await locateMeeting(mc, answer.locator);
    const placed = await answerInCalendar(mc, source, answer);
    const calendarId = await calendarIdFor(mc, placed, locks);
    await sendMeetingReply(mc, source, answer);
    await retireRequestMail(mc, source);
    return { status: MeetingResponseStatus.Success, ...(calendarId === undefined ? {} : { calendarId }) };
  } catch (error) {
    if (error instanceof MeetingRefusal) {
      mc.log.info({ status: error.status, reason: error.message }, 'MeetingResponse request refused');
      return { status: error.status };
    }
    if (error instanceof StoreError) {
      mc.log.warn({ err: error }, 'MeetingResponse: mailbox error');
      return { status: MeetingResponseStatus.MailboxError };
    }
    mc.log.error({ err: error }, 'MeetingResponse failed');
    return { status: MeetingResponseStatus.ServerError };
  }
}

/** `locks` is the shared Sync engine, so mapping a new event's ServerId never races a Sync of the calendar. */
export function createMeetingResponseCommand(deps: CommandDeps, locks?: CalendarLocks): CommandDefinition {
  return {
    name: 'MeetingResponse',
    minVersion: '2.5',
    needsProvisioning: true,
    async handle(ctx, request) {
      const requests = readMeetingResponseRequest(request.kind === 'wbxml' ? request.root : undefined, ctx.protocolVersion);
      const mc = meetingContext(deps, ctx);
      const results: WbxmlElement[] = [];
      for (const read of requests) {
        const outcome = read.answer === undefined ? { status: read.status } : await answerOne(mc, read.answer, locks);
        results.push(resultElement(read, outcome));
      }
      return CommandResults.wbxml(element('MeetingResponse:MeetingResponse', results));
    },
  };
}
