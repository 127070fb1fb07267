// Where Debian's libwbxml (0.11.8, language ACTIVESYNC) differs from MS-ASWBXML, as data. Our
// code pages follow the spec; libwbxml is only a second opinion, so wherever the two disagree the
// spec wins and the comparison helpers translate through this table. Each entry says why.
// test/wbxml/libwbxml-deviations.test.ts checks every entry (and the absence of any other
// difference on pages 0-24) against the installed wbxml2xml and xml2wbxml.

export type LibwbxmlDeviationKind =
  /** libwbxml knows the token under another name. */
  | 'renamed'
  /** libwbxml has no name for the token: wbxml2xml prints <unknown>, xml2wbxml cannot encode it. */
  | 'missing'
  /** libwbxml marks the tag binary: its XML text is base64 and xml2wbxml always writes OPAQUE. */
  | 'binary'
  /** libwbxml spells the page's XML namespace differently. */
  | 'namespace'
  /** libwbxml has no table for the whole code page. */
  | 'page';

export interface LibwbxmlDeviation {
  /** Stable key, e.g. "renamed:4:Timezone", used by tests to list what a document touches. */
  readonly id: string;
  readonly kind: LibwbxmlDeviationKind;
  readonly page: number;
  /** Tag as MS-ASWBXML (our code pages) spells it; '' for page-wide entries. */
  readonly tag: string;
  /** libwbxml's spelling of the tag (renamed) or namespace (namespace). */
  readonly libwbxmlName?: string;
  readonly reason: string;
}

/** XML namespace libwbxml prints and reads for each page (its sv_activesync_ns_table). */
export const LIBWBXML_NAMESPACES: readonly string[] = [
  'AirSync:', 'Contacts:', 'Email:', 'AirNotify:', 'Calendar:', 'Move:', 'GetItemEstimate:',
  'FolderHierarchy:', 'MeetingResponse:', 'Tasks:', 'ResolveRecipients:', 'ValidateCert:', 'Contacts2:',
  'Ping:', 'Provision:', 'Search:', 'Gal:', 'AirSyncBase:', 'Settings:', 'DocumentLibrary:',
  'ItemOperations:', 'ComposeMail:', 'Email2:', 'Notes:', 'RightsManagement:',
];

/** libwbxml prints this name for a tag it has no table entry for. */
export const LIBWBXML_UNKNOWN_TAG = 'unknown';

interface RenameGroup {
  readonly page: number;
  readonly reason: string;
  /** Spec name -> libwbxml name. */
  readonly names: Readonly<Record<string, string>>;
}

const RECURRENCE = 'libwbxml prefixes recurrence children with "Recurrence_" to tell same-named tags apart; MS-ASWBXML uses the bare names';
const CASE = 'same token, different capitalisation in libwbxml';

const RENAMES: readonly RenameGroup[] = [
  { page: 1, reason: 'libwbxml uses the pre-MS-ASCNTC spellings without "Address"/"Phone"', names: {
    AssistantPhoneNumber: 'AssistantTelephoneNumber',
    BusinessAddressCity: 'BusinessCity', BusinessAddressCountry: 'BusinessCountry',
    BusinessAddressPostalCode: 'BusinessPostalCode', BusinessAddressState: 'BusinessState',
    BusinessAddressStreet: 'BusinessStreet', HomeAddressCity: 'HomeCity', HomeAddressCountry: 'HomeCountry',
    HomeAddressPostalCode: 'HomePostalCode', HomeAddressState: 'HomeState', HomeAddressStreet: 'HomeStreet',
    OtherAddressCity: 'OtherCity', OtherAddressCountry: 'OtherCountry', OtherAddressPostalCode: 'OtherPostalCode',
    OtherAddressState: 'OtherState', OtherAddressStreet: 'OtherStreet',
  } },
  { page: 2, reason: CASE, names: { AttOid: 'AttOId', DtStamp: 'DTStamp' } },
  { page: 2, reason: 'libwbxml keeps the RFC 5322 header spelling', names: { ReplyTo: 'Reply-To' } },
  { page: 2, reason: 'libwbxml names the flag status FlagStatus; MS-ASWBXML calls it Status (inside email:Flag)', names: { Status: 'FlagStatus' } },
  { page: 2, reason: RECURRENCE, names: {
    Type: 'Recurrence_Type', Until: 'Recurrence_Until', Occurrences: 'Recurrence_Occurrences',
    Interval: 'Recurrence_Interval', DayOfWeek: 'Recurrence_DayOfWeek', DayOfMonth: 'Recurrence_DayOfMonth',
    WeekOfMonth: 'Recurrence_WeekOfMonth', MonthOfYear: 'Recurrence_MonthOfYear',
  } },
  { page: 4, reason: CASE, names: { Timezone: 'TimeZone', DtStamp: 'DTStamp' } },
  { page: 4, reason: 'libwbxml prefixes attendee, organizer, exception and RTF tags with their parent concept; MS-ASWBXML does not', names: {
    Email: 'Attendee_Email', Name: 'Attendee_Name', AttendeeStatus: 'Attendee_Status', AttendeeType: 'Attendee_Type',
    OrganizerEmail: 'Organizer_Email', OrganizerName: 'Organizer_Name', Deleted: 'Exception_Deleted',
    ExceptionStartTime: 'Exception_StartTime', CompressedRTF: 'Compressed_RTF',
  } },
  { page: 4, reason: RECURRENCE, names: {
    Type: 'Recurrence_Type', Until: 'Recurrence_Until', Occurrences: 'Recurrence_Occurrences',
    Interval: 'Recurrence_Interval', DayOfWeek: 'Recurrence_DayOfWeek', DayOfMonth: 'Recurrence_DayOfMonth',
    WeekOfMonth: 'Recurrence_WeekOfMonth', MonthOfYear: 'Recurrence_MonthOfYear',
  } },
  { page: 9, reason: CASE, names: { UtcDueDate: 'UTCDueDate', UtcStartDate: 'UTCStartDate' } },
  { page: 9, reason: RECURRENCE, names: {
    Type: 'Recurrence_Type', Start: 'Recurrence_Start', Until: 'Recurrence_Until',
    Occurrences: 'Recurrence_Occurrences', Interval: 'Recurrence_Interval', DayOfMonth: 'Recurrence_DayOfMonth',
    DayOfWeek: 'Recurrence_DayOfWeek', WeekOfMonth: 'Recurrence_WeekOfMonth', MonthOfYear: 'Recurrence_MonthOfYear',
    Regenerate: 'Recurrence_Regenerate', DeadOccur: 'Recurrence_DeadOccur',
  } },
  { page: 14, reason: 'libwbxml lists the 12.0 name DeviceEncryptionEnabled first for token 0x10 and prints it (it also reads RequireStorageCardEncryption)', names: {
    RequireStorageCardEncryption: 'DeviceEncryptionEnabled',
  } },
  { page: 18, reason: CASE, names: { SMTPAddress: 'SmtpAddress' } },
  { page: 18, reason: 'libwbxml misspells token 0x2B', names: { RightsManagementInformation: 'ihsManagementInformation' } },
  { page: 21, reason: CASE, names: { Mime: 'MIME' } },
  { page: 24, reason: 'libwbxml uses names from a pre-release RightsManagement table', names: {
    Owner: 'RMOwner', RemoveRightsManagementProtection: 'RemoveRightsManagementDistribution',
  } },
];

const MISSING: readonly { page: number; tags: readonly string[]; reason: string }[] = [
  { page: 8, tags: ['ProposedStartTime', 'ProposedEndTime'], reason: 'protocol 16.x tags added to MS-ASWBXML after libwbxml 0.11.8' },
  { page: 14, tags: ['AccountOnlyRemoteWipe'], reason: 'protocol 16.1 tag added to MS-ASWBXML after libwbxml 0.11.8' },
];

const BINARY_REASON = 'libwbxml marks this tag binary (WBXML_TAG_OPTION_BINARY): wbxml2xml prints its content in base64 and xml2wbxml base64-decodes the text and always writes OPAQUE, so a STR_I value comes back as OPAQUE';
const BINARY: readonly { page: number; tag: string }[] = [
  { page: 10, tag: 'Data' }, { page: 15, tag: 'ConversationId' }, { page: 16, tag: 'Data' },
  { page: 17, tag: 'Content' }, { page: 20, tag: 'ConversationId' }, { page: 21, tag: 'Mime' },
  { page: 22, tag: 'ConversationId' }, { page: 22, tag: 'ConversationIndex' },
];

function buildDeviations(): LibwbxmlDeviation[] {
  const list: LibwbxmlDeviation[] = [];
  for (const group of RENAMES) {
    for (const [tag, libwbxmlName] of Object.entries(group.names)) {
      list.push({ id: `renamed:${group.page}:${tag}`, kind: 'renamed', page: group.page, tag, libwbxmlName, reason: group.reason });
    }
  }
  for (const group of MISSING) {
    for (const tag of group.tags) {
      list.push({ id: `missing:${group.page}:${tag}`, kind: 'missing', page: group.page, tag, reason: group.reason });
    }
  }
  for (const { page, tag } of BINARY) list.push({ id: `binary:${page}:${tag}`, kind: 'binary', page, tag, reason: BINARY_REASON });
  list.push({
    id: 'namespace:16', kind: 'namespace', page: 16, tag: '', libwbxmlName: 'Gal:',
    reason: 'MS-ASWBXML names page 16 "GAL"; libwbxml (like MS-ASCMD\'s XML) writes the namespace "Gal:"',
  });
  list.push({
    id: 'page:25', kind: 'page', page: 25, tag: '',
    reason: 'libwbxml 0.11.8 predates protocol 16.1 and has no Find page: wbxml2xml prints its tags as <unknown> '
      + '(with a garbage namespace on the root and an inherited one below), xml2wbxml cannot encode them',
  });
  return list;
}

export const LIBWBXML_DEVIATIONS: readonly LibwbxmlDeviation[] = Object.freeze(buildDeviations());

const byTag: ReadonlyMap<string, readonly LibwbxmlDeviation[]> = (() => {
  const map = new Map<string, LibwbxmlDeviation[]>();
  for (const deviation of LIBWBXML_DEVIATIONS) {
    if (deviation.tag === '') continue;
    const key = `${deviation.page}:${deviation.tag}`;
    map.set(key, [...(map.get(key) ?? []), deviation]);
  }
  return map;
})();

/** Page-wide deviations: a namespace spelled differently, a page libwbxml lacks. */
export function deviationsOfPage(page: number): readonly LibwbxmlDeviation[] {
  return LIBWBXML_DEVIATIONS.filter((deviation) => deviation.tag === '' && deviation.page === page);
}

/** Deviations that concern one tag (page-wide entries not included). */
export function deviationsOfTag(page: number, tag: string): readonly LibwbxmlDeviation[] {
  return byTag.get(`${page}:${tag}`) ?? [];
}

/** How libwbxml spells a tag, or undefined when it has no name for it (missing tag, page 25). */
export function libwbxmlTagName(page: number, tag: string): string | undefined {
  if (page >= LIBWBXML_NAMESPACES.length) return undefined;
  const deviations = deviationsOfTag(page, tag);
  if (deviations.some((d) => d.kind === 'missing')) return undefined;
  return deviations.find((d) => d.kind === 'renamed')?.libwbxmlName ?? tag;
}

/** True when libwbxml treats the tag's content as binary (base64 in XML, always OPAQUE). */
export function isLibwbxmlBinary(page: number, tag: string): boolean {
  return deviationsOfTag(page, tag).some((d) => d.kind === 'binary');
}
