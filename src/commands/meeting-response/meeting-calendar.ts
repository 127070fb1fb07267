// The calendar side of a MeetingResponse (MS-ASCMD 3.1.5.6): accepting or tentatively accepting
// adds the meeting to the user's calendar or updates the copy it already holds (found by UID, so
// an invitation answered twice or already synced is one event); declining deletes the event, or
// only the declined occurrence. The CalendarId answered is the device's ServerId for the event:
// the one it holds, or a new one mapped to the event now, so the next Sync of the calendar
// reports the event under the id the client was told (2.2.3.18: the client may already have
// given a tentative item that id).
import {
  answerInvitation, answerStoredEvent, declineInvitation, hasOccurrence, type AttendeeAnswer,
} from '../../content/calendar/itip-attendee.js';
import { deleteCalendarOccurrence } from '../../content/calendar/index.js';
import { readStoredMeeting } from '../../content/calendar/itip.js';
import { FolderType, findDefaultFolder } from '../../domain/folder.js';
import type { EventContent, StoredItem } from '../../domain/item.js';
import { StateStoreError } from '../../domain/state-store.js';
import type { MeetingAnswer } from './meeting-response-request.js';
import { MeetingResponseStatus } from './meeting-response-status.js';
import { MeetingRefusal, type MeetingContext, type MeetingSource } from './meeting-source.js';

/** Where the answered meeting now is in the calendar; no itemId when it was removed. */
export interface CalendarOutcome {
  readonly folderId: string;
  readonly itemId?: string;
}

const PARTSTAT = { 1: 'ACCEPTED', 2: 'TENTATIVE', 3: 'DECLINED' } as const;

/** Items read per batch while looking for a UID. */
const SCAN_BATCH = 200;

export function attendeeAnswer(mc: MeetingContext, answer: MeetingAnswer): AttendeeAnswer {
  return {
    addresses: mc.addresses,
    ...(mc.displayName === undefined ? {} : { name: mc.displayName }),
    partstat: PARTSTAT[answer.userResponse],
    at: mc.now,
  };
}

/** Whether a stored object is the meeting `uid`: a cheap look at the unfolded text, then the parsed UID. */
function isMeeting(icalendar: string, uid: string, escaped: string): boolean {
  const text = icalendar.replace(/\r?\n[ \t]/g, '');
  return (text.includes(escaped) || text.includes(uid)) && readStoredMeeting(icalendar, [])?.uid === uid;
}

async function findByUid(mc: MeetingContext, folderId: string, uid: string): Promise<StoredItem<EventContent> | undefined> {
  const store = mc.deps.stores.calendar;
  const { items } = await store.listItems(mc.user, folderId);
  // RFC 5545 3.3.11: the UID is TEXT, so backslash, semicolon, comma and newline are escaped in the file.
  const escaped = uid.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
  for (let i = 0; i < items.length; i += SCAN_BATCH) {
    const batch = await store.getItems(mc.user, folderId, items.slice(i, i + SCAN_BATCH).map((item) => item.id));
    const found = batch.find((item) => isMeeting(item.content.icalendar, uid, escaped));
    if (found !== undefined) return found;
  }
  return undefined;
}

async function defaultCalendar(mc: MeetingContext): Promise<string> {
  const { folders } = await mc.deps.stores.hierarchy.listFolders(mc.user);
  const calendar = findDefaultFolder(folders, FolderType.Calendar);
  if (calendar === undefined) throw new MeetingRefusal(MeetingResponseStatus.MailboxError, 'the user has no calendar folder');
  return calendar.id;
}

async function fromInvitation(mc: MeetingContext, source: Extract<MeetingSource, { kind: 'mail' }>, answer: MeetingAnswer): Promise<CalendarOutcome> {
  const store = mc.deps.stores.calendar;
  const folderId = await defaultCalendar(mc);
  const existing = await findByUid(mc, folderId, source.invitation.itip.uid);
  const request = source.invitation.icalendar;
  if (answer.userResponse === 3) {
    if (existing === undefined) return { folderId };
    const remaining = declineInvitation(request, existing.content.icalendar, mc.calendar);
    if (remaining === undefined) await store.deleteItem(mc.user, folderId, existing.id);
    else await store.updateItem(mc.user, folderId, existing.id, { icalendar: remaining });
    return { folderId };
  }
  const icalendar = answerInvitation(request, existing?.content.icalendar, attendeeAnswer(mc, answer), mc.calendar);
  const written = existing === undefined
    ? await store.createItem(mc.user, folderId, { icalendar })
    : await store.updateItem(mc.user, folderId, existing.id, { icalendar });
  return { folderId, itemId: written.id };
}

function checkInstance(source: Extract<MeetingSource, { kind: 'event' }>, instance: Date, mc: MeetingContext): void {
  if (!source.meeting.recurring) {
    throw new MeetingRefusal(MeetingResponseStatus.NoRecurrenceInCalendar, 'InstanceId names an occurrence of a meeting that does not recur');
  }
  if (!hasOccurrence(source.item.content.icalendar, instance, mc.calendar)) {
    throw new MeetingRefusal(MeetingResponseStatus.InvalidMeetingRequest, 'InstanceId names no occurrence of the meeting');
  }
}

async function fromEvent(mc: MeetingContext, source: Extract<MeetingSource, { kind: 'event' }>, answer: MeetingAnswer): Promise<CalendarOutcome> {
  const store = mc.deps.stores.calendar;
  const { folderId, item } = source;
  if (answer.instance !== undefined) checkInstance(source, answer.instance, mc);
  if (answer.userResponse === 3 && answer.instance === undefined) {
    await store.deleteItem(mc.user, folderId, item.id);
    return { folderId };
  }
  const icalendar = answer.userResponse === 3 && answer.instance !== undefined
    ? deleteCalendarOccurrence(item.content, answer.instance, mc.calendar).icalendar
    : answerStoredEvent(item.content.icalendar, attendeeAnswer(mc, answer), mc.calendar, answer.instance);
  const written = await store.updateItem(mc.user, folderId, item.id, { icalendar });
  return answer.userResponse === 3 ? { folderId } : { folderId, itemId: written.id };
}

/** Applies the answer to the calendar (MS-ASCMD 2.2.3.177.9: InstanceId only on calendar items). */
export async function answerInCalendar(mc: MeetingContext, source: MeetingSource, answer: MeetingAnswer): Promise<CalendarOutcome> {
  if (source.kind === 'mail') {
    if (answer.instance !== undefined) throw new MeetingRefusal(MeetingResponseStatus.InvalidMeetingRequest, 'InstanceId names a meeting request mail');
    return fromInvitation(mc, source, answer);
  }
  return fromEvent(mc, source, answer);
}

/** The Sync engine's per-collection locks (SyncEngine.withCollectionsLocked), so no Sync maps the event meanwhile. */
export interface CalendarLocks {
  withCollectionsLocked<T>(device: { readonly user: string; readonly deviceId: string }, collectionIds: readonly string[], task: () => Promise<T>): Promise<T>;
}

async function mapNewEvent(mc: MeetingContext, collectionId: string, itemId: string): Promise<string | undefined> {
  const { collections } = mc.deps.state;
  const known = await collections.findItem(mc.key, collectionId, itemId);
  if (known !== undefined) return known.serverId;
  const serverId = `${collectionId}:${await collections.reserveItemNumbers(mc.key, collectionId, 1)}`;
  try {
    // No version: the next Sync sends the event to the device under this id.
    await collections.applyIdMapChanges(mc.key, collectionId, [{ op: 'put', serverId, backendId: itemId, version: null }]);
    return serverId;
  } catch (error) {
    // Without the engine's locks a Sync of the calendar may have mapped the new event first: its id wins.
    if (!(error instanceof StateStoreError) || error.code !== 'id-conflict') throw error;
    return (await collections.findItem(mc.key, collectionId, itemId))?.serverId;
  }
}

/** The device's ServerId for the answered event in its calendar collection, mapping a new one if needed. */
export async function calendarIdFor(mc: MeetingContext, outcome: CalendarOutcome, locks?: CalendarLocks): Promise<string | undefined> {
  const itemId = outcome.itemId;
  if (itemId === undefined) return undefined;
  const collection = await mc.deps.state.hierarchy.findByBackendId(mc.key, outcome.folderId);
  if (collection === undefined) return undefined;
  const task = (): Promise<string | undefined> => mapNewEvent(mc, collection.serverId, itemId);
  return locks === undefined ? task() : locks.withCollectionsLocked(mc.key, [collection.serverId], task);
}
