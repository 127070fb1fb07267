// Checks the code page tables: their shape and lookups, and every token against Debian's
// libwbxml (xml2wbxml), read back with a small reader written here rather than our codec.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CODE_PAGES, pageNumber, tagName, tagToken } from './index.js';

const run = promisify(execFile);

describe('code page tables', () => {
  test('26 pages numbered 0..25 in order', () => {
    assert.equal(CODE_PAGES.length, 26);
    CODE_PAGES.forEach((page, index) => assert.equal(page.number, index));
  });

  test('namespaces are unique and spelled as MS-ASWBXML does', () => {
    const namespaces = CODE_PAGES.map((page) => page.namespace);
    assert.equal(new Set(namespaces).size, namespaces.length);
    assert.equal(namespaces[4], 'Calendar');
    assert.equal(namespaces[6], 'GetItemEstimate');
    assert.equal(namespaces[12], 'Contacts2');
    assert.equal(namespaces[16], 'GAL');
    assert.equal(namespaces[17], 'AirSyncBase');
    assert.equal(namespaces[25], 'Find');
  });

  test('tokens lie in 0x05..0x3F and names are unique within a page', () => {
    for (const page of CODE_PAGES) {
      const entries = Object.entries(page.tags);
      for (const [token, name] of entries) {
        const value = Number(token);
        assert.ok(Number.isInteger(value) && value >= 0x05 && value <= 0x3f, `${page.namespace} ${token}`);
        assert.match(name, /^[A-Za-z][A-Za-z0-9]*$/, `${page.namespace} ${name}`);
      }
      const names = entries.map(([, name]) => name);
      assert.equal(new Set(names).size, names.length, `duplicate name on ${page.namespace}`);
    }
  });

  test('tagName, tagToken and pageNumber agree for every entry', () => {
    let count = 0;
    for (const page of CODE_PAGES) {
      assert.equal(pageNumber(page.namespace), page.number);
      for (const [token, name] of Object.entries(page.tags)) {
        assert.equal(tagName(page.number, Number(token)), name);
        assert.equal(tagToken(page.number, name), Number(token));
        count += 1;
      }
    }
    assert.equal(count, 622);
  });

  test('unknowns return undefined', () => {
    assert.equal(tagName(0, 0x2a), undefined);
    assert.equal(tagName(4, 0x2b), undefined);
    assert.equal(tagName(0, 0x04), undefined);
    assert.equal(tagName(0, 0x45), undefined);
    assert.equal(tagName(0, -1), undefined);
    assert.equal(tagName(0, 5.5), undefined);
    assert.equal(tagName(26, 0x05), undefined);
    assert.equal(tagName(-1, 0x05), undefined);
    assert.equal(tagName(3, 0x05), undefined);
    assert.equal(tagToken(0, 'Nope'), undefined);
    assert.equal(tagToken(0, 'toString'), undefined);
    assert.equal(tagToken(26, 'Sync'), undefined);
    assert.equal(tagToken(-1, 'Sync'), undefined);
    assert.equal(pageNumber('Gal'), undefined);
    assert.equal(pageNumber('AirSync:'), undefined);
    assert.equal(pageNumber('constructor'), undefined);
  });

  test('well-known tokens', () => {
    assert.equal(tagToken(pageNumber('AirSync') ?? -1, 'Sync'), 0x05);
    assert.equal(tagToken(pageNumber('FolderHierarchy') ?? -1, 'FolderSync'), 0x16);
    assert.equal(tagToken(pageNumber('AirSyncBase') ?? -1, 'Body'), 0x0a);
    assert.equal(tagToken(pageNumber('Provision') ?? -1, 'AccountOnlyRemoteWipe'), 0x3b);
    assert.equal(tagName(pageNumber('Find') ?? -1, 0x19), 'GalSearchCriterion');
  });

  test('EAS 2.5 body, attachment and truncation tokens are present', () => {
    assert.equal(tagToken(0, 'Truncation'), 0x19);
    assert.equal(tagToken(0, 'RTFTruncation'), 0x1a);
    assert.equal(tagName(1, 0x09), 'Body');
    assert.equal(tagName(1, 0x3b), 'CompressedRTF');
    assert.equal(tagToken(2, 'AttOid'), 0x09);
    assert.equal(tagToken(2, 'MIMEData'), 0x36);
    assert.equal(tagName(4, 0x0c), 'BodyTruncated');
    assert.equal(tagName(4, 0x10), 'CompressedRTF');
    assert.equal(tagToken(9, 'BodySize'), 0x06);
    assert.equal(tagToken(9, 'CompressedRTF'), 0x21);
  });
});

// ---- libwbxml cross-check -------------------------------------------------------------

type Renamed = { page: number; token: number; spec: string; libwbxml: string; reason: string };
type LibwbxmlOnly = { page: number; token: number; libwbxml: string; reason: string };
type SpecOnly = { page: number; token: number; spec: string; reason: string };

function renamed(page: number, reason: string, rows: [number, string, string][]): Renamed[] {
  return rows.map(([token, spec, libwbxml]) => ({ page, token, spec, libwbxml, reason }));
}
function libwbxmlOnly(page: number, reason: string, rows: [number, string][]): LibwbxmlOnly[] {
  return rows.map(([token, libwbxml]) => ({ page, token, libwbxml, reason }));
}
function specOnly(page: number, reason: string, rows: [number, string][]): SpecOnly[] {
  return rows.map(([token, spec]) => ({ page, token, spec, reason }));
}

const RECURRENCE_PREFIX = 'libwbxml keeps the r1.0 Recurrence_ prefix the spec dropped';
const NOT_2_5 = '12.0 token that MS-ASWBXML no longer lists; no 2.5 request or response uses it';

/** libwbxml 0.11.8 (Debian) tag names that differ from MS-ASWBXML, which we follow. */
const RENAMED: readonly Renamed[] = [
  ...renamed(1, 'libwbxml uses the r1.0 name', [[0x07, 'AssistantPhoneNumber', 'AssistantTelephoneNumber']]),
  ...renamed(1, 'libwbxml uses the short r1.0 address names', [
    [0x0d, 'BusinessAddressCity', 'BusinessCity'], [0x0e, 'BusinessAddressCountry', 'BusinessCountry'],
    [0x0f, 'BusinessAddressPostalCode', 'BusinessPostalCode'], [0x10, 'BusinessAddressState', 'BusinessState'],
    [0x11, 'BusinessAddressStreet', 'BusinessStreet'], [0x21, 'HomeAddressCity', 'HomeCity'],
    [0x22, 'HomeAddressCountry', 'HomeCountry'], [0x23, 'HomeAddressPostalCode', 'HomePostalCode'],
    [0x24, 'HomeAddressState', 'HomeState'], [0x25, 'HomeAddressStreet', 'HomeStreet'],
    [0x2d, 'OtherAddressCity', 'OtherCity'], [0x2e, 'OtherAddressCountry', 'OtherCountry'],
    [0x2f, 'OtherAddressPostalCode', 'OtherPostalCode'], [0x30, 'OtherAddressState', 'OtherState'],
    [0x31, 'OtherAddressStreet', 'OtherStreet'],
  ]),
  ...renamed(2, 'libwbxml spells it with a hyphen', [[0x19, 'ReplyTo', 'Reply-To']]),
  ...renamed(2, 'libwbxml capitalises the I; MS-ASEMAIL 2.2.2.7 spells AttOid', [[0x09, 'AttOid', 'AttOId']]),
  ...renamed(2, 'libwbxml capitalises the T', [[0x1d, 'DtStamp', 'DTStamp']]),
  ...renamed(2, RECURRENCE_PREFIX, [
    [0x29, 'Type', 'Recurrence_Type'], [0x2a, 'Until', 'Recurrence_Until'],
    [0x2b, 'Occurrences', 'Recurrence_Occurrences'], [0x2c, 'Interval', 'Recurrence_Interval'],
    [0x2d, 'DayOfWeek', 'Recurrence_DayOfWeek'], [0x2e, 'DayOfMonth', 'Recurrence_DayOfMonth'],
    [0x2f, 'WeekOfMonth', 'Recurrence_WeekOfMonth'], [0x30, 'MonthOfYear', 'Recurrence_MonthOfYear'],
  ]),
  ...renamed(2, 'libwbxml uses the Z-Push style name for the flag status', [[0x3b, 'Status', 'FlagStatus']]),
  ...renamed(4, 'libwbxml capitalises the Z', [[0x05, 'Timezone', 'TimeZone']]),
  ...renamed(4, 'libwbxml keeps the r1.0 underscore names', [
    [0x09, 'Email', 'Attendee_Email'], [0x0a, 'Name', 'Attendee_Name'], [0x15, 'Deleted', 'Exception_Deleted'],
    [0x16, 'ExceptionStartTime', 'Exception_StartTime'], [0x19, 'OrganizerEmail', 'Organizer_Email'],
    [0x1a, 'OrganizerName', 'Organizer_Name'], [0x29, 'AttendeeStatus', 'Attendee_Status'],
    [0x2a, 'AttendeeType', 'Attendee_Type'],
  ]),
  ...renamed(4, 'libwbxml keeps the 2.5-era underscore; named as on Contacts and Tasks', [
    [0x10, 'CompressedRTF', 'Compressed_RTF'],
  ]),
  ...renamed(4, 'libwbxml capitalises the T', [[0x11, 'DtStamp', 'DTStamp']]),
  ...renamed(4, RECURRENCE_PREFIX, [
    [0x1c, 'Type', 'Recurrence_Type'], [0x1d, 'Until', 'Recurrence_Until'],
    [0x1e, 'Occurrences', 'Recurrence_Occurrences'], [0x1f, 'Interval', 'Recurrence_Interval'],
    [0x20, 'DayOfWeek', 'Recurrence_DayOfWeek'], [0x21, 'DayOfMonth', 'Recurrence_DayOfMonth'],
    [0x22, 'WeekOfMonth', 'Recurrence_WeekOfMonth'], [0x23, 'MonthOfYear', 'Recurrence_MonthOfYear'],
  ]),
  ...renamed(9, 'libwbxml capitalises UTC', [[0x0d, 'UtcDueDate', 'UTCDueDate'], [0x1f, 'UtcStartDate', 'UTCStartDate']]),
  ...renamed(9, RECURRENCE_PREFIX, [
    [0x10, 'Type', 'Recurrence_Type'], [0x11, 'Start', 'Recurrence_Start'], [0x12, 'Until', 'Recurrence_Until'],
    [0x13, 'Occurrences', 'Recurrence_Occurrences'], [0x14, 'Interval', 'Recurrence_Interval'],
    [0x15, 'DayOfMonth', 'Recurrence_DayOfMonth'], [0x16, 'DayOfWeek', 'Recurrence_DayOfWeek'],
    [0x17, 'WeekOfMonth', 'Recurrence_WeekOfMonth'], [0x18, 'MonthOfYear', 'Recurrence_MonthOfYear'],
    [0x19, 'Regenerate', 'Recurrence_Regenerate'], [0x1a, 'DeadOccur', 'Recurrence_DeadOccur'],
  ]),
  ...renamed(18, 'libwbxml spells Smtp in mixed case', [[0x1f, 'SMTPAddress', 'SmtpAddress']]),
  ...renamed(18, 'typo in libwbxml (first letters lost)', [[0x2b, 'RightsManagementInformation', 'ihsManagementInformation']]),
  ...renamed(21, 'libwbxml spells it upper case', [[0x10, 'Mime', 'MIME']]),
  ...renamed(24, 'libwbxml prefixes RM', [[0x12, 'Owner', 'RMOwner']]),
  ...renamed(24, 'libwbxml uses an older name', [[0x18, 'RemoveRightsManagementProtection', 'RemoveRightsManagementDistribution']]),
];

/** Tokens libwbxml still names that MS-ASWBXML no longer lists and we leave out (not used by EAS 2.5). */
const LIBWBXML_ONLY: readonly LibwbxmlOnly[] = [
  ...libwbxmlOnly(3, 'AirNotify is no longer in use and no EAS 2.5 client sends it (2.5 push is Ping)', [
    [0x05, 'Notify'], [0x06, 'Notification'], [0x07, 'Version'], [0x08, 'LifeTime'], [0x09, 'DeviceInfo'],
    [0x0a, 'Enable'], [0x0b, 'Folder'], [0x0c, 'ServerId'], [0x0d, 'DeviceAddress'],
    [0x0e, 'ValidCarrierProfiles'], [0x0f, 'CarrierProfile'], [0x10, 'Status'], [0x11, 'Responses'],
    [0x12, 'Devices'], [0x13, 'Device'], [0x14, 'Id'], [0x15, 'Expiry'], [0x16, 'NotifyGUID'],
    [0x17, 'DeviceFriendlyName'],
  ]),
  ...libwbxmlOnly(14, 'second libwbxml name for 0x10 (the 12.0 name of RequireStorageCardEncryption)', [
    [0x10, 'DeviceEncryptionEnabled'],
  ]),
  ...libwbxmlOnly(14, NOT_2_5, [[0x12, 'DocumentBrowseEnabled']]),
  ...libwbxmlOnly(15, NOT_2_5, [[0x1c, 'Schema'], [0x1d, 'Supported']]),
];

/** MS-ASWBXML tags that libwbxml 0.11.8 does not know. */
const SPEC_ONLY: readonly SpecOnly[] = [
  ...specOnly(8, '16.1 tags, added to libwbxml only in 0.11.9', [[0x10, 'ProposedStartTime'], [0x11, 'ProposedEndTime']]),
  ...specOnly(14, '16.1 tag missing from libwbxml', [[0x3b, 'AccountOnlyRemoteWipe']]),
];

/** Pages libwbxml knows under another namespace name (only the xmlns differs). */
const LIBWBXML_NAMESPACES: ReadonlyMap<number, { libwbxml: string; reason: string }> = new Map([
  [16, { libwbxml: 'Gal', reason: 'libwbxml spells the GAL namespace "Gal"' }],
]);

/** libwbxml 0.11.8 has no code page 25 (Find, protocol 16.1). */
const LIBWBXML_LAST_PAGE = 24;

type Encoded = { page: number; token: number } | { literal: string };

function readMultiByte(bytes: Uint8Array, at: { pos: number }): number {
  let value = 0;
  for (let i = 0; i < 5; i += 1) {
    const byte = bytes[at.pos++];
    if (byte === undefined) throw new Error('truncated mb_u_int32');
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return value;
  }
  throw new Error('mb_u_int32 too long');
}

/** Minimal WBXML 1.3 reader: every start tag in document order, as (page, token) or literal. */
function readTags(bytes: Uint8Array): Encoded[] {
  const at = { pos: 1 };
  if (readMultiByte(bytes, at) === 0) readMultiByte(bytes, at);
  readMultiByte(bytes, at);
  const tableLength = readMultiByte(bytes, at);
  const table = bytes.subarray(at.pos, at.pos + tableLength);
  at.pos += tableLength;
  const tags: Encoded[] = [];
  let page = 0;
  while (at.pos < bytes.length) {
    const byte = bytes[at.pos++] ?? 0;
    if (byte === 0x00) page = bytes[at.pos++] ?? -1;
    else if (byte === 0x01) continue;
    else if (byte === 0x03) at.pos = bytes.indexOf(0, at.pos) + 1;
    else if (byte === 0xc3) at.pos += readMultiByte(bytes, at);
    else if (byte === 0x04 || byte === 0x44) {
      const offset = readMultiByte(bytes, at);
      tags.push({ literal: new TextDecoder().decode(table.subarray(offset, table.indexOf(0, offset))) });
    } else if ((byte & 0x3f) >= 0x05 && (byte & 0x80) === 0) tags.push({ page, token: byte & 0x3f });
    else throw new Error(`unexpected WBXML byte 0x${byte.toString(16)} at ${at.pos - 1}`);
  }
  return tags;
}

/** Encodes <first xmlns="ns:"><tag/>...</first> with xml2wbxml; returns what each tag became. */
async function libwbxmlEncode(dir: string, namespace: string, names: readonly string[]): Promise<Encoded[]> {
  const [first] = names;
  assert.ok(first !== undefined);
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE ActiveSync PUBLIC "-//MICROSOFT//DTD ActiveSync//EN" "http://www.microsoft.com/">',
    `<${first} xmlns="${namespace}:">${names.map((name) => `<${name}/>`).join('')}</${first}>`,
  ].join('\n');
  const input = join(dir, `${namespace}.xml`);
  const output = join(dir, `${namespace}.wbxml`);
  await writeFile(input, xml);
  await run('xml2wbxml', ['-o', output, input]);
  const tags = readTags(new Uint8Array(await readFile(output)));
  assert.equal(tags.length, names.length + 1, `${namespace}: one start tag per element`);
  return tags.slice(1);
}

function isOn(encoded: Encoded | undefined, page: number, token?: number): boolean {
  return encoded !== undefined && 'page' in encoded && encoded.page === page && (token === undefined || encoded.token === token);
}

type Observed = { renamed: string[]; libwbxmlOnly: string[]; specOnly: string[] };

/** Classifies every disagreement between our page and what libwbxml did with the names. */
function classify(pageNo: number, ours: readonly string[], fed: readonly string[], got: readonly Encoded[]): Observed {
  const observed: Observed = { renamed: [], libwbxmlOnly: [], specOnly: [] };
  const disagreeing = new Set(ours.filter((name, i) => !isOn(got[i], pageNo, tagToken(pageNo, name))));
  const renamedTokens = new Set<number>();
  fed.forEach((name, i) => {
    const encoded = got[ours.length + i];
    assert.ok(encoded && 'page' in encoded && encoded.page === pageNo, `libwbxml has no ${name} on page ${pageNo}`);
    const spec = tagName(pageNo, encoded.token);
    if (spec !== undefined && disagreeing.has(spec)) {
      observed.renamed.push(`${encoded.token}:${spec}->${name}`);
      renamedTokens.add(encoded.token);
    } else observed.libwbxmlOnly.push(`${encoded.token}:${name}`);
  });
  for (const name of disagreeing) {
    const token = tagToken(pageNo, name) ?? -1;
    if (!renamedTokens.has(token)) observed.specOnly.push(`${token}:${name}`);
  }
  return observed;
}

function declared(pageNo: number): Observed {
  return {
    renamed: RENAMED.filter((d) => d.page === pageNo).map((d) => `${d.token}:${d.spec}->${d.libwbxml}`),
    libwbxmlOnly: LIBWBXML_ONLY.filter((d) => d.page === pageNo).map((d) => `${d.token}:${d.libwbxml}`),
    specOnly: SPEC_ONLY.filter((d) => d.page === pageNo).map((d) => `${d.token}:${d.spec}`),
  };
}

function sorted(observed: Observed): Observed {
  return { renamed: observed.renamed.sort(), libwbxmlOnly: observed.libwbxmlOnly.sort(), specOnly: observed.specOnly.sort() };
}

describe('code pages against libwbxml (xml2wbxml)', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pushbridge-code-pages-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('every deviation carries a reason', () => {
    for (const d of [...RENAMED, ...LIBWBXML_ONLY, ...SPEC_ONLY]) assert.ok(d.reason.length > 0);
    for (const d of [...RENAMED, ...SPEC_ONLY]) assert.equal(tagToken(d.page, d.spec), d.token, d.spec);
    for (const d of LIBWBXML_ONLY) assert.equal(tagToken(d.page, d.libwbxml), undefined, d.libwbxml);
  });

  for (const page of CODE_PAGES.filter((p) => p.number <= LIBWBXML_LAST_PAGE)) {
    test(`page ${page.number} ${page.namespace}: tokens equal, deviations exactly as listed`, async () => {
      const ours = Object.values(page.tags);
      const fed = [
        ...RENAMED.filter((d) => d.page === page.number).map((d) => d.libwbxml),
        ...LIBWBXML_ONLY.filter((d) => d.page === page.number).map((d) => d.libwbxml),
      ];
      const namespace = LIBWBXML_NAMESPACES.get(page.number)?.libwbxml ?? page.namespace;
      const got = await libwbxmlEncode(dir, namespace, [...ours, ...fed]);
      assert.deepEqual(sorted(classify(page.number, ours, fed, got)), sorted(declared(page.number)));
    });
  }

  test('libwbxml spells the GAL namespace differently', async () => {
    const [pageNo, spelling] = [...LIBWBXML_NAMESPACES][0] ?? [-1, undefined];
    const page = CODE_PAGES[pageNo];
    assert.ok(page && spelling && spelling.libwbxml !== page.namespace);
    const got = await libwbxmlEncode(dir, page.namespace, Object.values(page.tags));
    assert.ok(got.some((encoded) => !isOn(encoded, pageNo)), 'libwbxml now maps our spelling');
  });

  test('libwbxml has no page 25 (Find): none of its tags lands there', async () => {
    const find = CODE_PAGES[LIBWBXML_LAST_PAGE + 1];
    assert.ok(find);
    const got = await libwbxmlEncode(dir, find.namespace, Object.values(find.tags));
    assert.ok(got.every((encoded) => !isOn(encoded, find.number)));
  });
});
