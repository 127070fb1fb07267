// Backend-neutral item model. Items travel in standard formats (RFC 5322 MIME, iCalendar, vCard,
// plain text for notes) so one set of content converters serves the embedded store and the IMAP
// and DAV backends alike; only state that those formats cannot carry (mail flags, received date)
// is modelled here.

/** Identity and version of a stored item, as every store reports it. */
export interface ItemRef {
  /** Opaque backend id, unique to one user's store and never reused for another item. */
  readonly id: string;
  readonly folderId: string;
  /** Changes on every write to the item (an ETag, an IMAP MODSEQ...); compare for equality only. */
  readonly version: string;
  /** When the item was last written; the Notes LastModifiedDate and a tie-breaker for diagnostics. */
  readonly modifiedAt: Date;
}

/** A stored item together with its content in the class's standard format. */
export interface StoredItem<TContent> extends ItemRef {
  readonly content: TContent;
}

/** One snapshot of a folder: its items and the change token that describes exactly that state. */
export interface ItemListing<TSummary extends ItemRef> {
  readonly token: string;
  readonly items: readonly TSummary[];
}

/** If-Match style precondition: the write applies only while the item still has this version. */
export interface WriteOptions {
  readonly ifVersion?: string;
}

/** A calendar object: a VCALENDAR holding one VEVENT series (its exceptions carry RECURRENCE-ID). */
export interface EventContent {
  readonly icalendar: string;
}

/** A task: a VCALENDAR holding one VTODO. */
export interface TaskContent {
  readonly icalendar: string;
}

/** A contact: one vCard (3.0 or 4.0). */
export interface ContactContent {
  readonly vcard: string;
}

/** A note (MS-ASNOTE): plain-text body with a subject and categories. */
export interface NoteContent {
  readonly subject: string;
  readonly body: string;
  readonly categories: readonly string[];
}

/** A follow-up flag (MS-ASEMAIL Flag); absent when the message is not flagged (Flag Status 0). */
export interface FollowUpFlag {
  readonly status: 'active' | 'complete';
  /** Free text such as "Follow up" (FlagType). */
  readonly flagType?: string;
  readonly startAt?: Date;
  readonly dueAt?: Date;
  readonly completedAt?: Date;
  readonly reminderAt?: Date;
}

/** MS-ASEMAIL LastVerbExecuted: what the user last did with the message. */
export interface LastVerb {
  readonly verb: 'replyToSender' | 'replyToAll' | 'forward';
  readonly at: Date;
}

/** Mutable message state that MIME does not carry. */
export interface MailFlags {
  readonly read: boolean;
  readonly flag: FollowUpFlag | null;
  /** IMAP \Answered. */
  readonly answered: boolean;
  /** IMAP $Forwarded. */
  readonly forwarded: boolean;
  /** Null where the backend cannot record it (plain IMAP keeps only \Answered and $Forwarded). */
  readonly lastVerb: LastVerb | null;
  readonly categories: readonly string[];
}

export const DEFAULT_MAIL_FLAGS: MailFlags = Object.freeze({
  read: false,
  flag: null,
  answered: false,
  forwarded: false,
  lastVerb: null,
  categories: Object.freeze([]) as readonly string[],
});

/** A message as listed: everything but the MIME bytes. */
export interface MailSummary extends ItemRef {
  readonly receivedAt: Date;
  /** Size of the MIME message in bytes (EstimatedDataSize, MS-ASAIRS). */
  readonly size: number;
  readonly flags: MailFlags;
}

export interface MailMessage extends MailSummary {
  /** The whole RFC 5322 message. */
  readonly mime: Uint8Array;
}

/** Input to create (append) or replace a message. Omitted flags keep the defaults (or, on replace, the old flags). */
export interface NewMailMessage {
  readonly mime: Uint8Array;
  /** Defaults to the time of the write (append) or the old date (replace). */
  readonly receivedAt?: Date;
  readonly flags?: Partial<MailFlags>;
}

/** Applies a partial flag update to a message's flags. */
export function mergeMailFlags(base: MailFlags, patch: Partial<MailFlags>): MailFlags {
  return {
    read: patch.read ?? base.read,
    flag: patch.flag === undefined ? base.flag : patch.flag,
    answered: patch.answered ?? base.answered,
    forwarded: patch.forwarded ?? base.forwarded,
    lastVerb: patch.lastVerb === undefined ? base.lastVerb : patch.lastVerb,
    categories: patch.categories ?? base.categories,
  };
}
