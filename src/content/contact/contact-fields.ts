// The Contact class (MS-ASCNTC 2.2.2, Contacts and Contacts2 namespaces) mapped onto vCard, one
// row per element, in the spec's section order (alphabetical by element name, the two
// namespaces interleaved). Standard properties where vCard has them; where it has none, the X-
// names other address books write (Apple's X-PHONETIC-*, X-ANNIVERSARY, X-SPOUSE...) are read,
// and our own descriptive X- names are written. Search-only elements (Alias, WeightedRank) and
// the 2.5 CompressedRTF are not part of a stored contact and are not mapped.

import { PICTURE, CATEGORIES, CHILDREN, componentField, dateField, lineField, TEXT } from './field-kinds.js';
import type { ListField, NewLine, ScalarField, ValueCodec } from './field-kinds.js';
import { mailboxAddress } from './mailbox.js';
import { escapeText, splitUnescaped, unescapeText } from './vcard-text.js';

/** The body sits between Birthday and Business2PhoneNumber (MS-ASCNTC 2.2.2.7). */
export interface BodyField {
  readonly kind: 'body';
  readonly element: 'Contacts:Body';
}

export type ContactField = ScalarField | ListField | BodyField;

const digits = (value: string): string => value.replace(/[\s().\-/]/g, '');

/** TEL: free text in v3 and by RFC 6350's default in v4; a tel: URI keeps being one. */
const PHONE: ValueCodec = {
  read: (e) => unescapeText(e.rawValue).trim().replace(/^tel:/i, ''),
  write: (value, old) => (/^tel:/i.test(old?.rawValue ?? '') ? `tel:${value.trim().replace(/\s+/g, '-')}` : escapeText(value)),
  same: (sent, stored) => digits(sent) === digits(stored),
};

const EMAIL: ValueCodec = {
  read: (e) => unescapeText(e.rawValue).trim().replace(/^mailto:/i, ''),
  write: (value) => escapeText(mailboxAddress(value)),
  same: (sent, stored) => mailboxAddress(sent).toLowerCase() === stored.toLowerCase(),
};

const SCHEME = /^([a-z][a-z0-9+-]*):(?!\/\/)/i;

/** IMPP holds a URI (xmpp:, sip:, im:...); EAS shows the address, so the scheme is dropped on the
 *  way out and put back (the line's own, else RFC 3860's generic im:) on the way in. */
const IM: ValueCodec = {
  read: (e) => unescapeText(e.rawValue).trim().replace(SCHEME, ''),
  write: (value, old) => {
    const trimmed = value.trim();
    if (SCHEME.test(trimmed)) return trimmed;
    const scheme = SCHEME.exec(unescapeText(old?.rawValue ?? '').trim())?.[1] ?? 'im';
    return `${scheme}:${trimmed}`;
  },
};

/** URL values are URIs: written as they are, without text escaping. */
const URI: ValueCodec = {
  read: TEXT.read,
  write: (value) => value.trim().replace(/[\r\n]+/g, ''),
};

/** NICKNAME may list several names; EAS has one, the first, and the others are kept. */
const NICKNAME: ValueCodec = {
  read: (e) => unescapeText(splitUnescaped(e.rawValue, ',')[0] ?? ''),
  write: (value, old) => [escapeText(value), ...(old === undefined ? [] : splitUnescaped(old.rawValue, ',').slice(1))].join(','),
};

const phone = (element: string, kind: string, index: number, create: NewLine): ScalarField =>
  lineField(element, `tel:${kind}:${index}`, create, PHONE);

const address = (prefix: 'Business' | 'Home' | 'Other', slot: string, create: string): ScalarField[] =>
  (['Street', 'City', 'State', 'PostalCode', 'Country'] as const).map((part, i) =>
    componentField(`Contacts:${prefix}Address${part}`, slot, i + 2, 7, create, part === 'Street' ? '\n' : ', '));

const name = (element: string, index: number): ScalarField => componentField(element, 'n', index, 5, 'N', ' ');

const UNSORTED: readonly ContactField[] = [
  lineField('Contacts2:AccountName', 'accountName', 'X-ACCOUNT-NAME'),
  dateField('Contacts:Anniversary', 'anniversary', { v3: 'X-ANNIVERSARY', v4: 'ANNIVERSARY' }),
  lineField('Contacts:AssistantName', 'assistant', { v3: 'X-ASSISTANT', v4: 'RELATED;TYPE=agent;VALUE=text' }),
  phone('Contacts:AssistantPhoneNumber', 'assistant', 0, 'TEL;TYPE=X-ASSISTANT'),
  dateField('Contacts:Birthday', 'bday', 'BDAY'),
  { kind: 'body', element: 'Contacts:Body' },
  phone('Contacts:Business2PhoneNumber', 'business', 1, 'TEL;TYPE=WORK,VOICE'),
  ...address('Business', 'adr:business', 'ADR;TYPE=WORK'),
  phone('Contacts:BusinessFaxNumber', 'businessFax', 0, 'TEL;TYPE=WORK,FAX'),
  phone('Contacts:BusinessPhoneNumber', 'business', 0, 'TEL;TYPE=WORK,VOICE'),
  phone('Contacts:CarPhoneNumber', 'car', 0, 'TEL;TYPE=CAR'),
  CATEGORIES,
  CHILDREN,
  phone('Contacts2:CompanyMainPhone', 'companyMain', 0, 'TEL;TYPE=X-COMPANY-MAIN'),
  componentField('Contacts:CompanyName', 'org', 0, 1, 'ORG', ', '),
  lineField('Contacts2:CustomerId', 'customerId', 'X-CUSTOMER-ID'),
  componentField('Contacts:Department', 'org', 1, 1, 'ORG', ', '),
  ...[0, 1, 2].map((i) => lineField(`Contacts:Email${i + 1}Address`, `email:${i}`, { v3: 'EMAIL;TYPE=INTERNET', v4: 'EMAIL' }, EMAIL)),
  lineField('Contacts:FileAs', 'fn', 'FN'),
  name('Contacts:FirstName', 1),
  lineField('Contacts2:GovernmentId', 'governmentId', 'X-GOVERNMENT-ID'),
  phone('Contacts:Home2PhoneNumber', 'home', 1, 'TEL;TYPE=HOME,VOICE'),
  ...address('Home', 'adr:home', 'ADR;TYPE=HOME'),
  phone('Contacts:HomeFaxNumber', 'homeFax', 0, 'TEL;TYPE=HOME,FAX'),
  phone('Contacts:HomePhoneNumber', 'home', 0, 'TEL;TYPE=HOME,VOICE'),
  ...['IMAddress', 'IMAddress2', 'IMAddress3'].map((el, i) => lineField(`Contacts2:${el}`, `impp:${i}`, 'IMPP', IM)),
  lineField('Contacts:JobTitle', 'title', 'TITLE'),
  name('Contacts:LastName', 0),
  lineField('Contacts2:ManagerName', 'manager', 'X-MANAGER'),
  name('Contacts:MiddleName', 2),
  phone('Contacts2:MMS', 'mms', 0, 'TEL;TYPE=X-MMS'),
  phone('Contacts:MobilePhoneNumber', 'mobile', 0, 'TEL;TYPE=CELL'),
  lineField('Contacts2:NickName', 'nickname', 'NICKNAME', NICKNAME),
  lineField('Contacts:OfficeLocation', 'office', 'X-OFFICE-LOCATION'),
  ...address('Other', 'adr:other', 'ADR;TYPE=X-OTHER'),
  phone('Contacts:PagerNumber', 'pager', 0, 'TEL;TYPE=PAGER'),
  PICTURE,
  phone('Contacts:RadioPhoneNumber', 'radio', 0, 'TEL;TYPE=X-RADIO'),
  lineField('Contacts:Spouse', 'spouse', { v3: 'X-SPOUSE', v4: 'RELATED;TYPE=spouse;VALUE=text' }),
  name('Contacts:Suffix', 4),
  name('Contacts:Title', 3),
  lineField('Contacts:WebPage', 'url', 'URL', URI),
  lineField('Contacts:YomiCompanyName', 'phoneticOrg', 'X-PHONETIC-ORG'),
  lineField('Contacts:YomiFirstName', 'phoneticFirst', 'X-PHONETIC-FIRST-NAME'),
  lineField('Contacts:YomiLastName', 'phoneticLast', 'X-PHONETIC-LAST-NAME'),
];

const localName = (field: ContactField): string => field.element.slice(field.element.indexOf(':') + 1).toLowerCase();

/** Every mapped element in MS-ASCNTC section order. */
export const CONTACT_FIELDS: readonly ContactField[] = [...UNSORTED].sort((a, b) => (localName(a) < localName(b) ? -1 : 1));
