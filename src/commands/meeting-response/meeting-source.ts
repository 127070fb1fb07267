// Finding what a MeetingResponse Request answers: a meeting request mail (an Inbox message with an
// iTIP REQUEST) or a calendar item the user was invited to. CollectionId + RequestId go through
// the device's own id maps; LongId names backend ids (long-id.ts). iOS and Outlook 2013 send the
// Calendar folder as CollectionId with the id of the Inbox message (CLIENT-QUIRKS §1, §3.1 and
// test matrix #20), so a RequestId the named collection does not know is looked up in the
// collection its ServerId prefix names and then in the device's Inbox. Everything that is not an
// answerable meeting is refused with Status 2, never an error.
import type { Logger } from 'pino';
import type { CalendarContext } from '../../content/calendar/index.js';
import { readStoredMeeting, type StoredMeeting } from '../../content/calendar/itip.js';
import { findMeetingInvitation, type MeetingInvitation } from '../../content/email/meeting-invitation.js';
import { parseMime } from '../../content/email/parse-mime.js';
import type { DeviceKey } from '../../domain/device.js';
import { FolderNotFoundError, ItemNotFoundError } from '../../domain/errors.js';
import { FolderType, findDefaultFolder } from '../../domain/folder.js';
import type { EventContent, MailMessage, StoredItem } from '../../domain/item.js';
import type { CommandDeps } from '../command-deps.js';
import { parseLongId } from '../long-id.js';
import type { MeetingLocator } from './meeting-response-request.js';
import { MeetingResponseStatus } from './meeting-response-status.js';

/** What every step of one MeetingResponse needs: the user, the device and the ports. */
export interface MeetingContext {
  readonly deps: CommandDeps;
  readonly key: DeviceKey;
  /** The store user name. */
  readonly user: string;
  /** The user's addresses, primary first: who the ATTENDEE is. */
  readonly addresses: readonly string[];
  readonly displayName?: string;
  readonly calendar: CalendarContext;
  readonly log: Logger;
  readonly now: Date;
}

/** Where the item lives, and the device's ServerIds for it when the device holds it. */
interface Location {
  readonly folderId: string;
  readonly itemId: string;
  readonly collectionId?: string;
  readonly serverId?: string;
}

export type MeetingSource =
  | (Location & { readonly kind: 'mail'; readonly message: MailMessage; readonly invitation: MeetingInvitation; readonly messageId?: string })
  | (Location & { readonly kind: 'event'; readonly item: StoredItem<EventContent>; readonly meeting: StoredMeeting });

/** A Request the command answers with a status instead of an action. */
export class MeetingRefusal extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'MeetingRefusal';
  }
}

const refuse = (message: string): MeetingRefusal => new MeetingRefusal(MeetingResponseStatus.InvalidMeetingRequest, message);

async function inboxCollection(mc: MeetingContext): Promise<string | undefined> {
  const { folders } = await mc.deps.stores.hierarchy.listFolders(mc.user);
  const inbox = findDefaultFolder(folders, FolderType.Inbox);
  return inbox === undefined ? undefined : (await mc.deps.state.hierarchy.findByBackendId(mc.key, inbox.id))?.serverId;
}

async function viaCollections(mc: MeetingContext, collectionId: string, requestId: string): Promise<Location> {
  const { state } = mc.deps;
  const prefix = requestId.includes(':') ? requestId.slice(0, requestId.lastIndexOf(':')) : undefined;
  const candidates: (() => Promise<string | undefined>)[] = [async () => collectionId, async () => prefix, () => inboxCollection(mc)];
  const tried = new Set<string>();
  for (const next of candidates) {
    const candidate = await next();
    if (candidate === undefined || tried.has(candidate)) continue;
    tried.add(candidate);
    const folder = await state.hierarchy.lookup(mc.key, candidate);
    const item = folder === undefined ? undefined : await state.collections.lookupItem(mc.key, candidate, requestId);
    if (folder !== undefined && item !== undefined) {
      return { folderId: folder.backendId, itemId: item.backendId, collectionId: candidate, serverId: requestId };
    }
  }
  throw refuse(`no item ${requestId} in collection ${collectionId}`);
}

async function viaLongId(mc: MeetingContext, longId: string): Promise<Location> {
  const target = parseLongId(longId);
  if (target === undefined) throw refuse('LongId not handed out by this server');
  const collection = await mc.deps.state.hierarchy.findByBackendId(mc.key, target.folderId);
  const mapping = collection === undefined ? undefined : await mc.deps.state.collections.findItem(mc.key, collection.serverId, target.itemId);
  return {
    ...target,
    ...(collection === undefined || mapping === undefined ? {} : { collectionId: collection.serverId, serverId: mapping.serverId }),
  };
}

async function load(mc: MeetingContext, at: Location): Promise<MeetingSource> {
  const { stores } = mc.deps;
  const own = new Set(mc.addresses.map((a) => a.toLowerCase()));
  const folder = await stores.hierarchy.getFolder(mc.user, at.folderId);
  if (folder.itemClass === 'Email') {
    const message = await stores.mail.getItem(mc.user, at.folderId, at.itemId);
    const parsed = await parseMime(message.mime);
    const invitation = findMeetingInvitation(parsed);
    if (invitation?.method !== 'REQUEST') throw refuse('the message is not a meeting request');
    if (own.has(invitation.itip.organizer?.email.toLowerCase() ?? '')) throw refuse('the user organizes this meeting');
    return { ...at, kind: 'mail', message, invitation, ...(parsed.messageId === undefined ? {} : { messageId: parsed.messageId }) };
  }
  if (folder.itemClass === 'Calendar') {
    const item = await stores.calendar.getItem(mc.user, at.folderId, at.itemId);
    const meeting = readStoredMeeting(item.content.icalendar, mc.addresses);
    if (meeting === undefined || !meeting.isMeeting) throw refuse('the calendar item is not a meeting');
    if (meeting.userIsOrganizer) throw refuse('the user organizes this meeting');
    return { ...at, kind: 'event', item, meeting };
  }
  throw refuse(`a ${folder.itemClass} item is not a meeting`);
}

/** The meeting a Request answers; throws MeetingRefusal for anything that is not one. */
export async function locateMeeting(mc: MeetingContext, locator: MeetingLocator): Promise<MeetingSource> {
  try {
    const at = locator.kind === 'long-id' ? await viaLongId(mc, locator.longId) : await viaCollections(mc, locator.collectionId, locator.requestId);
    return await load(mc, at);
  } catch (error) {
    // Gone since the device synced it, or a LongId for a folder that no longer exists.
    if (error instanceof ItemNotFoundError || error instanceof FolderNotFoundError) throw refuse(error.message);
    throw error;
  }
}
