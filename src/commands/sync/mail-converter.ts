// The mail converter behind the Sync engine. A client changes a received message's flags only
// (MS-ASEMAIL 2.2.2: Read, Flag, Categories), so its update writes flags and leaves the MIME
// alone. From 16.0 a client also writes drafts (MS-ASEMAIL 2.2.2.42 IsDraft; CLIENT-QUIRKS §1
// "16.x"): an Add in the Drafts folder becomes a MIME message there, and a Change to a draft that
// carries draft fields (recipients, subject, body, attachments) replaces it. An Add or a Change
// carrying Email2:Send sends the draft (MS-ASEMAIL 2.2.2.69, compose/draft-send.ts); a draft sent
// with its Add is filed in Sent Items and never stored in Drafts (ItemConverter.create). A mail
// Add anywhere else, or before 16.0, is Status 6 (converter error), as Exchange answers it.

import { isDeepStrictEqual } from 'node:util';
import { decodeDraftApplicationData, decodeEmailChange, encodeEmailApplicationData } from '../../content/email/index.js';
import { InvalidInputError } from '../../domain/errors.js';
import { FolderType } from '../../domain/folder.js';
import { DEFAULT_MAIL_FLAGS, type ItemRef, type MailFlags, type MailMessage, type NewMailMessage } from '../../domain/item.js';
import type { MailStore } from '../../domain/mail-store.js';
import { versionAtLeast } from '../../eas/protocol-version.js';
import { firstChild, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { ConverterCall, ItemConverter } from '../../sync/item-converter.js';
import type { DraftSender } from '../compose/draft-send.js';
import { fileReferencePrefixFor } from '../item-operations/file-reference.js';
import { contextOf } from './conversion-call.js';

/** What a decoded mail Add does: store a draft in Drafts, or send it without storing it there. */
type MailAdd =
  | { readonly kind: 'store'; readonly message: NewMailMessage }
  | { readonly kind: 'send'; readonly mime: Uint8Array; readonly sender: string };

/** What a decoded mail Change writes: flags only, or a whole new draft (with the flags the client sent). */
type MailChange =
  | { readonly kind: 'flags'; readonly flags: Partial<MailFlags> }
  | { readonly kind: 'draft'; readonly message: NewMailMessage }
  | { readonly kind: 'send'; readonly message: NewMailMessage; readonly sender: string; readonly current: MailMessage };

/** The elements that make a Change rewrite the draft rather than set its flags. */
const DRAFT_FIELDS = [
  'Email:To', 'Email:Cc', 'Email2:Bcc', 'Email:Subject', 'Email:Importance', 'AirSyncBase:Body', 'AirSyncBase:Attachments',
] as const;

const writesDrafts = (call: ConverterCall): boolean => call.folderType === FolderType.Drafts && versionAtLeast(call.protocolVersion, '16.0');

async function draftMime(appData: WbxmlElement, existing: MailMessage | undefined, call: ConverterCall): Promise<Uint8Array> {
  // The From is the authenticated user whatever the client sent (CLIENT-QUIRKS §2.2: Samsung sends none).
  const result = await decodeDraftApplicationData(appData, existing?.mime, contextOf(call), { from: call.userAddress ?? '' });
  return result.mime;
}

async function decodeMail(appData: WbxmlElement, existing: ItemRef | undefined, call: ConverterCall): Promise<MailAdd | MailChange> {
  const send = writesDrafts(call) && firstChild(appData, 'Email2:Send') !== undefined;
  if (existing === undefined) {
    if (!writesDrafts(call)) throw new InvalidInputError('mail is added through Sync only as a 16.x draft in the Drafts folder');
    const mime = await draftMime(appData, undefined, call);
    if (send) return { kind: 'send', mime, sender: call.userAddress ?? '' };
    // A draft the user wrote is read; Flag and Categories may come along.
    return { kind: 'store', message: { mime, flags: { read: true, ...decodeEmailChange(appData, DEFAULT_MAIL_FLAGS) } } };
  }
  const message = existing as MailMessage;
  const flags = decodeEmailChange(appData, message.flags);
  if (send) return { kind: 'send', message: { mime: await draftMime(appData, message, call), flags }, sender: call.userAddress ?? '', current: message };
  if (writesDrafts(call) && DRAFT_FIELDS.some((name) => firstChild(appData, name) !== undefined)) {
    return { kind: 'draft', message: { mime: await draftMime(appData, message, call), flags } };
  }
  return { kind: 'flags', flags };
}

/** `drafts` sends 16.x drafts; without it (no MailSubmitter configured) a Send is Status 6. */
export const createMailConverter = (drafts?: DraftSender): ItemConverter => ({
  encode: (item, call) => {
    // Attachments must be fetchable by FileReference alone (ItemOperations, CLIENT-QUIRKS §6.6).
    const prefix = fileReferencePrefixFor({ folderId: item.folderId, itemId: item.id });
    const ctx = { ...contextOf(call), ...(prefix === undefined ? {} : { fileReferencePrefix: prefix }) };
    // 16.x: a message in Drafts says IsDraft and keeps its Bcc; the user's address makes ReceivedAsBcc decidable.
    return encodeEmailApplicationData(item as MailMessage, ctx, {
      isDraft: call.folderType === FolderType.Drafts,
      ...(call.userAddress === undefined ? {} : { ownAddresses: [call.userAddress] }),
    });
  },
  decode: decodeMail,
  create: async (target, input): Promise<ItemRef | undefined> => {
    const add = input as MailAdd;
    const store = target.store as MailStore;
    if (add.kind === 'store') return store.createItem(target.user, target.folderId, add.message, { clientRef: target.clientRef });
    if (drafts === undefined) throw new InvalidInputError('no mail submission is configured to send the draft');
    // Sent and filed in Sent Items: nothing is left in Drafts, whatever the filing came to.
    await drafts.sendNewDraft(store, { user: target.user, sender: add.sender, mime: add.mime, clientRef: target.clientRef });
    return undefined;
  },
  update: (target, input, ifVersion): Promise<ItemRef> => {
    const change = input as MailChange;
    const store = target.store as MailStore;
    if (change.kind === 'send') {
      if (drafts === undefined) return Promise.reject(new InvalidInputError('no mail submission is configured to send the draft'));
      return drafts.sendDraft(store, { ...target, sender: change.sender, mime: change.message.mime, current: change.current });
    }
    if (change.kind === 'draft') return store.updateItem(target.user, target.folderId, target.itemId, change.message, { ifVersion });
    return store.setFlags(target.user, target.folderId, target.itemId, change.flags, { ifVersion });
  },
  alreadyApplied: (input, existing) => {
    const change = input as MailChange;
    if (change.kind !== 'flags') return false;
    const flags = (existing as MailMessage).flags;
    return Object.entries(change.flags).every(([name, value]) => isDeepStrictEqual(flags[name as keyof MailFlags], value));
  },
});
