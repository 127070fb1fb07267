// Turns the MIME a device hands over into what MailSubmitter takes: the envelope recipients from
// To, Cc and Bcc (Android may separate them with ";", CLIENT-QUIRKS §2.1), a copy without Bcc for
// delivery, and a copy with Bcc for the sender's Sent Items. The envelope sender is always the
// authenticated user; the From a client wrote stays in the header, and one is written when it is
// missing (Samsung sends none, CLIENT-QUIRKS §2.2). Date and Message-ID are added when missing,
// as a submission server does (RFC 6409 8.2, 8.3).

import { randomBytes } from 'node:crypto';
import { encodeWord, isPlainText } from 'nodemailer/lib/mime-funcs';
import { parseRecipients } from '../../content/email/index.js';
import { headerField, headerValues, joinMessage, splitMessage, type HeaderField } from './mime-header-block.js';

export interface ComposeSender {
  /** Envelope sender and default From address. */
  readonly address: string;
  readonly displayName?: string;
}

export interface PreparedMessage {
  /** Lower-cased and de-duplicated, To then Cc then Bcc. */
  readonly recipients: readonly string[];
  /** What recipients get: no Bcc field. */
  readonly mime: Uint8Array;
  /** What Sent Items keeps: the Bcc field too, so the sender sees whom they copied. */
  readonly sentCopy: Uint8Array;
}

const RECIPIENT_FIELDS = ['to', 'cc', 'bcc'] as const;

/** RFC 5322 3.3 date-time in UTC. */
export function rfc5322Date(at: Date): string {
  return at.toUTCString().replace(/GMT$/, '+0000');
}

/** A From value for the sender: `"Name" <address>`, the name as an encoded word when it is not ASCII. */
export function formatSender(sender: ComposeSender): string {
  const name = sender.displayName?.trim() ?? '';
  if (name === '') return sender.address;
  const phrase = isPlainText(name) ? `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"` : encodeWord(name, 'B');
  return `${phrase} <${sender.address}>`;
}

export function newMessageId(sender: string): string {
  const domain = sender.slice(sender.lastIndexOf('@') + 1) || 'pushbridge.invalid';
  return `<${randomBytes(12).toString('hex')}@${domain}>`;
}

/** The envelope recipients named in the header fields. */
export function envelopeRecipients(fields: readonly HeaderField[]): string[] {
  const found = new Set<string>();
  for (const name of RECIPIENT_FIELDS) {
    for (const value of headerValues(fields, name)) {
      for (const entry of parseRecipients(value)) found.add(entry.address.trim().toLowerCase());
    }
  }
  return [...found];
}

/** Reads and completes a message for sending. Throws MalformedMimeError. */
export function prepareOutgoing(mime: Uint8Array, sender: ComposeSender, now: Date): PreparedMessage {
  const { fields, eol, body } = splitMessage(mime);
  const added: HeaderField[] = [];
  const has = (name: string): boolean => fields.some((f) => f.name === name);
  if (!has('from')) added.push(headerField('From', formatSender(sender)));
  if (!has('date')) added.push(headerField('Date', rfc5322Date(now)));
  if (!has('message-id')) added.push(headerField('Message-ID', newMessageId(sender.address)));
  const complete = [...added, ...fields];
  return {
    recipients: envelopeRecipients(fields),
    mime: joinMessage(complete.filter((f) => f.name !== 'bcc'), body, eol),
    sentCopy: joinMessage(complete, body, eol),
  };
}
