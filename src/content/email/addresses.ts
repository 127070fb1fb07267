// Address fields between MIME and the Email class: To/Cc/From are RFC 5322 lists joined by
// commas (MS-ASEMAIL 2.2.2.79 To, 2.2.2.36 From), ReplyTo and DisplayTo (2.2.2.29) by
// semicolons. Recipient fields sent by clients may separate addresses by ";" instead of ","
// (Android, CLIENT-QUIRKS §2.1); nodemailer's address parser accepts both.

import addressparser from 'nodemailer/lib/addressparser';
import type { MailAddress } from './parse-mime.js';

/** `"Name" <address>`, or the bare address when there is no name. */
export function formatAddress(entry: MailAddress): string {
  const name = entry.name.trim();
  if (name === '') return entry.address;
  return `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}" <${entry.address}>`;
}

export function formatAddressList(entries: readonly MailAddress[], separator = ', '): string {
  return entries.map(formatAddress).join(separator);
}

/** DisplayTo: the names of the primary recipients (their addresses where they have none). */
export function displayNames(entries: readonly MailAddress[]): string {
  return entries.map((e) => (e.name.trim() === '' ? e.address : e.name.trim())).join('; ');
}

/** Splits a client-written recipient field into mailboxes; groups are flattened, junk dropped. */
export function parseRecipients(field: string): MailAddress[] {
  return addressparser(field, { flatten: true })
    .filter((entry) => entry.address.includes('@'))
    .map((entry) => ({ name: entry.name, address: entry.address }));
}

/** Lower-cased addresses, for membership tests. */
export function addressSet(entries: readonly MailAddress[]): Set<string> {
  return new Set(entries.map((e) => e.address.toLowerCase()));
}
