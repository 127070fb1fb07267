// What a MeetingResponse does besides the calendar: the iTIP REPLY to the organizer and the fate
// of the request mail. The REPLY goes out only when a 16.x client sent SendResponse (MS-ASCMD
// 2.2.1.11, 2.2.3.163); before 16.0 the spec leaves the answer to the client, through SendMail
// (AOSP's Exchange client sends one), so a server reply too would reach the organizer twice. It goes through
// the MailSubmitter and, as Exchange does, a copy is kept in Sent Items. A reply that cannot be
// delivered does not undo the answer already in the user's calendar: it is logged. The request
// mail then moves to Deleted Items, where Exchange puts it, so the device sees it leave the Inbox.
import { buildItipReply } from '../../content/calendar/itip-reply.js';
import { composeMeetingReply } from '../../content/email/meeting-reply-mime.js';
import { ItemNotFoundError } from '../../domain/errors.js';
import { FolderType, findDefaultFolder } from '../../domain/folder.js';
import { SubmissionError } from '../../domain/mail-submission.js';
import { attendeeAnswer } from './meeting-calendar.js';
import type { MeetingAnswer } from './meeting-response-request.js';
import type { MeetingContext, MeetingSource } from './meeting-source.js';

function meetingFacts(source: MeetingSource): { organizer?: { email: string; name?: string }; summary: string; icalendar: string } {
  if (source.kind === 'mail') {
    const { itip, icalendar } = source.invitation;
    return { ...(itip.organizer === undefined ? {} : { organizer: itip.organizer }), summary: itip.summary ?? '', icalendar };
  }
  const { meeting, item } = source;
  return { ...(meeting.organizer === undefined ? {} : { organizer: meeting.organizer }), summary: meeting.summary ?? '', icalendar: item.content.icalendar };
}

async function buildReply(mc: MeetingContext, source: MeetingSource, answer: MeetingAnswer, organizer: { email: string; name?: string }): Promise<Uint8Array> {
  const facts = meetingFacts(source);
  const who = attendeeAnswer(mc, answer);
  const text = answer.sendResponse?.text;
  const icalendar = buildItipReply(facts.icalendar, {
    ...who,
    ...(answer.instance === undefined ? {} : { instance: answer.instance }),
    ...(text === undefined ? {} : { comment: text }),
  }, mc.calendar);
  return composeMeetingReply({
    from: { name: mc.displayName ?? '', address: mc.addresses[0] ?? mc.user },
    to: { name: organizer.name ?? '', address: organizer.email },
    partstat: who.partstat,
    summary: facts.summary,
    icalendar,
    ...(text === undefined ? {} : { text }),
    date: mc.now,
    ...(source.kind === 'mail' && source.messageId !== undefined ? { inReplyTo: source.messageId } : {}),
  });
}

async function keepSentCopy(mc: MeetingContext, mime: Uint8Array): Promise<void> {
  const { folders } = await mc.deps.stores.hierarchy.listFolders(mc.user);
  const sent = findDefaultFolder(folders, FolderType.SentItems);
  if (sent !== undefined) await mc.deps.stores.mail.createItem(mc.user, sent.id, { mime, flags: { read: true } });
}

/** Sends the organizer the REPLY when the client asked for it; returns whether one was delivered. */
export async function sendMeetingReply(mc: MeetingContext, source: MeetingSource, answer: MeetingAnswer): Promise<boolean> {
  if (answer.sendResponse === undefined) return false;
  const organizer = meetingFacts(source).organizer;
  const submitter = mc.deps.submitter;
  if (organizer === undefined || submitter === undefined) {
    mc.log.warn({ organizer: organizer?.email, submitter: submitter !== undefined }, 'MeetingResponse: no reply sent (no organizer or no mail submission)');
    return false;
  }
  const mime = await buildReply(mc, source, answer, organizer);
  try {
    await submitter.submit({ sender: mc.addresses[0] ?? mc.user, recipients: [organizer.email.toLowerCase()], mime });
  } catch (error) {
    if (!(error instanceof SubmissionError)) throw error;
    mc.log.warn({ code: error.code, organizer: organizer.email, reason: error.message }, 'MeetingResponse: reply to the organizer not delivered');
    return false;
  }
  await keepSentCopy(mc, mime);
  return true;
}

/** Moves an answered request mail to Deleted Items (MS-ASCMD 3.1.5.6; Exchange does the same). */
export async function retireRequestMail(mc: MeetingContext, source: MeetingSource): Promise<void> {
  if (source.kind !== 'mail') return;
  const { folders } = await mc.deps.stores.hierarchy.listFolders(mc.user);
  const trash = findDefaultFolder(folders, FolderType.DeletedItems);
  if (trash === undefined || trash.id === source.folderId) return;
  try {
    await mc.deps.stores.mail.moveItem(mc.user, source.folderId, source.itemId, trash.id);
  } catch (error) {
    // Another device moved or deleted it meanwhile: it has left the Inbox either way.
    if (!(error instanceof ItemNotFoundError)) throw error;
  }
}
