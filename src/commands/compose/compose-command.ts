// SendMail, SmartReply and SmartForward (MS-ASCMD 2.2.1.17, 2.2.1.20, 2.2.1.19). A success is an
// empty 200 in every version; a failure is a Status inside the command's element from 14.0 and
// the equivalent HTTP status before (src/eas/status.ts statusAnswer), so handlers only throw
// EasStatusError. After a SmartReply or SmartForward the original is marked answered or forwarded
// with its LastVerbExecuted, which the user's other devices see as a Sync Change. A 16.x
// SmartForward of a calendar item by Forwardees sends the invitation and notifies the organizer
// (meeting-forward.ts).

import type { Logger } from 'pino';
import { deviceKey, type DeviceKey } from '../../domain/device.js';
import type { LastVerb } from '../../domain/item.js';
import type { MailSubmitter } from '../../domain/mail-submission.js';
import { parseRecipients } from '../../content/email/index.js';
import { EasStatusError } from '../../eas/status.js';
import type { CommandDeps } from '../command-deps.js';
import { CommandResults, type CommandContext, type CommandDefinition, type CommandRequest, type CommandResult } from '../registry.js';
import { ClientIdGuard } from './client-id-guard.js';
import { readComposeRequest, type ComposeCommandName, type ComposeRequest, type MeetingForwardRequest } from './compose-request.js';
import { composeStatusOf, sendComposedMessage, senderOf, type SendOutcome } from './compose-submission.js';
import { meetingForwardMails, type MeetingForwardMails } from './meeting-forward.js';
import { headerValues, MalformedMimeError, splitMessage } from './mime-header-block.js';
import { composeSmartMessage, type SmartKind } from './smart-message.js';
import { resolveSource, type OriginalItem } from './source-message.js';

interface ComposeScope {
  readonly deps: CommandDeps;
  readonly submitter: MailSubmitter;
  readonly ctx: CommandContext;
  readonly key: DeviceKey;
}

const SMART_KIND: Readonly<Record<ComposeCommandName, SmartKind | undefined>> = { SendMail: undefined, SmartReply: 'reply', SmartForward: 'forward' };

/** With ReplaceMime the original is only needed for its flags, so a stale id does not stop the send. */
async function findOriginal(scope: ComposeScope, request: ComposeRequest): Promise<OriginalItem | undefined> {
  if (request.source === undefined) return undefined;
  try {
    return await resolveSource(scope.deps, scope.key, request.source);
  } catch (error) {
    if (!request.replaceMime || !(error instanceof EasStatusError)) throw error;
    scope.ctx.log.info({ reason: error.message }, 'original not found; sending the client\'s whole message anyway');
    return undefined;
  }
}

async function messageToSend(kind: SmartKind | undefined, request: ComposeRequest, original: OriginalItem | undefined, log: Logger): Promise<Uint8Array> {
  if (kind === undefined || original === undefined || request.replaceMime) return request.mime;
  try {
    return await composeSmartMessage(kind, request.mime, original);
  } catch (error) {
    if (error instanceof MalformedMimeError) throw error;
    log.error({ err: error }, 'could not build the reply or forward from the original');
    throw new EasStatusError(121, { message: 'MessageReplyFailed', cause: error });
  }
}

/** MS-ASEMAIL 2.2.2.44: reply-to-all when the reply goes to anyone besides the original's sender. */
function replyVerb(original: Uint8Array, recipients: readonly string[], self: string): LastVerb['verb'] {
  let senders: Set<string>;
  try {
    const { fields } = splitMessage(original);
    const named = ['from', 'reply-to', 'sender'].flatMap((name) => headerValues(fields, name)).flatMap(parseRecipients);
    senders = new Set(named.map((entry) => entry.address.toLowerCase()));
  } catch {
    senders = new Set();
  }
  return recipients.some((address) => address !== self && !senders.has(address)) ? 'replyToAll' : 'replyToSender';
}

async function markOriginal(scope: ComposeScope, kind: SmartKind, original: OriginalItem, recipients: readonly string[]): Promise<void> {
  if (original.kind !== 'mail') return;
  const at = new Date(scope.deps.clock());
  const self = senderOf(scope.ctx.user).address;
  const flags = kind === 'forward'
    ? { forwarded: true, lastVerb: { verb: 'forward' as const, at } }
    : { answered: true, lastVerb: { verb: replyVerb(original.message.mime, recipients, self), at } };
  try {
    await scope.deps.stores.mail.setFlags(scope.key.user, original.folderId, original.itemId, flags);
  } catch (error) {
    // The message went out; a flag we could not set is not worth a resend.
    scope.ctx.log.warn({ err: error }, 'sent, but the original could not be marked answered/forwarded');
  }
}

/** Sends, turning every failure into the command's status (110 for the unexpected, with the cause logged). */
async function submit(scope: ComposeScope, mime: Uint8Array, saveInSent: boolean): Promise<SendOutcome> {
  const deps = { submitter: scope.submitter, stores: scope.deps.stores, clock: scope.deps.clock };
  try {
    return await sendComposedMessage(deps, scope.ctx.user, mime, { saveInSent, log: scope.ctx.log });
  } catch (error) {
    const status = composeStatusOf(error);
    if (status !== undefined) throw new EasStatusError(status, { message: error instanceof Error ? error.message : String(error), cause: error });
    scope.ctx.log.error({ err: error }, 'sending failed');
    throw new EasStatusError(110, { message: 'ServerError: sending failed', cause: error });
  }
}

/** MS-ASCMD 2.2.3.169: Forwardees are valid only when forwarding a calendar item (else 103). */
async function forwardMeeting(scope: ComposeScope, request: ComposeRequest, forward: MeetingForwardRequest): Promise<void> {
  const original = await findOriginal(scope, request);
  if (original?.kind !== 'event') throw new EasStatusError(103, { message: 'InvalidXML: Forwardees name a source that is not a calendar item' });
  let mails: MeetingForwardMails;
  try {
    mails = await meetingForwardMails(original.icalendar, forward, senderOf(scope.ctx.user), new Date(scope.deps.clock()));
  } catch (error) {
    scope.ctx.log.error({ err: error }, 'could not build the meeting forward from the calendar item');
    throw new EasStatusError(110, { message: 'ServerError: the calendar item could not be forwarded', cause: error });
  }
  // The request cannot carry SaveInSentItems (2.2.3.169); the forward is kept in Sent Items as Exchange keeps it.
  await submit(scope, mails.invitation, true);
  if (mails.notification === undefined) return;
  try {
    await submit(scope, mails.notification, false);
  } catch (error) {
    // The forwardees have their invitation: failing now would make the device forward it again.
    scope.ctx.log.warn({ err: error }, 'meeting forwarded, but the organizer could not be notified');
  }
}

async function send(scope: ComposeScope, request: ComposeRequest): Promise<void> {
  if (request.meetingForward !== undefined) return forwardMeeting(scope, request, request.meetingForward);
  const kind = SMART_KIND[request.command];
  const original = await findOriginal(scope, request);
  const mime = await messageToSend(kind, request, original, scope.ctx.log);
  const outcome = await submit(scope, mime, request.saveInSent);
  if (kind !== undefined && original !== undefined) await markOriginal(scope, kind, original, outcome.recipients);
}

async function handleCompose(deps: CommandDeps, submitter: MailSubmitter, guard: ClientIdGuard, command: ComposeCommandName, ctx: CommandContext, body: CommandRequest): Promise<CommandResult> {
  const request = readComposeRequest(command, body, ctx.params);
  // MS-ASCMD 2.2.3.3.1: the primary account has no AccountId and Settings names no other, so any
  // AccountId is one this server does not have.
  if (request.accountId !== undefined) throw new EasStatusError(166, { message: `InvalidAccountId: ${request.accountId}` });
  const key = deviceKey(ctx.user.username, ctx.deviceId);
  await guard.once(key, request.clientId, () => send({ deps, submitter, ctx, key }, request));
  return CommandResults.empty();
}

/** The three commands, or none when the deployment has no way to send mail. */
export function createComposeCommands(deps: CommandDeps): CommandDefinition[] {
  const submitter = deps.submitter;
  if (submitter === undefined) return [];
  const guard = new ClientIdGuard(deps.state.values, deps.clock);
  const names: ComposeCommandName[] = ['SendMail', 'SmartForward', 'SmartReply'];
  return names.map((name) => ({
    name,
    minVersion: '2.5',
    needsProvisioning: true,
    // 2.5-12.1 send the message as a raw message/rfc822 body (CLIENT-QUIRKS §6.2).
    acceptsRawBody: true,
    handle: (ctx, request) => handleCompose(deps, submitter, guard, name, ctx, request),
  }));
}
