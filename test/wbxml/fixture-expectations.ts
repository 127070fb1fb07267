// What the golden fixtures are expected to cover and which libwbxml deviations each one touches,
// written out by hand so that a change in the fixtures, the code pages or libwbxml shows up as a
// failing assertion instead of silently shifting what the cross-check compares.

/** Every EAS command (MS-ASCMD 2.2.1) that has a WBXML body, with the fixture prefix for it. */
export const COMMAND_FIXTURE_PREFIXES: Readonly<Record<string, string>> = {
  Sync: 'sync', SendMail: 'send-mail', SmartReply: 'smart-reply', SmartForward: 'smart-forward',
  FolderSync: 'folder-sync', FolderCreate: 'folder-create', FolderUpdate: 'folder-update',
  FolderDelete: 'folder-delete', MoveItems: 'move-items', GetItemEstimate: 'get-item-estimate',
  MeetingResponse: 'meeting-response', Search: 'search', Settings: 'settings', Ping: 'ping',
  ItemOperations: 'item-operations', Provision: 'provision', ResolveRecipients: 'resolve-recipients',
  ValidateCert: 'validate-cert', Find: 'find',
};

export const MIN_FIXTURES = 30;

/** Elements the fixtures must contain somewhere, so each command's interesting shapes stay
 *  covered: client Sync operations, server adds of every item class, opaque MIME and data,
 *  both provisioning phases, remote wipe, and Settings' three parts. */
export const REQUIRED_ELEMENTS: readonly string[] = [
  'AirSync:Add', 'AirSync:Change', 'AirSync:Delete', 'AirSync:Fetch', 'AirSync:Options', 'AirSync:MoreAvailable',
  'AirSync:Responses', 'AirSync:SoftDelete', 'AirSyncBase:BodyPreference', 'AirSyncBase:Body', 'AirSyncBase:Attachments',
  'Email:Subject', 'Email:Flag', 'Email2:ConversationId', 'Calendar:Recurrence', 'Calendar:Exceptions',
  'Calendar:Attendees', 'Contacts:FileAs', 'Contacts:Picture', 'Contacts2:NickName', 'Tasks:Recurrence',
  'Notes:Subject', 'ComposeMail:SendMail', 'ComposeMail:SmartReply', 'ComposeMail:SmartForward', 'ComposeMail:Mime',
  'ComposeMail:Source', 'FolderHierarchy:Add', 'FolderHierarchy:Update', 'FolderHierarchy:Delete',
  'ItemOperations:Fetch', 'ItemOperations:Data', 'ItemOperations:EmptyFolderContents', 'ItemOperations:Move',
  'Provision:EASProvisionDoc', 'Provision:PolicyKey', 'Provision:RemoteWipe', 'Settings:Oof',
  'Settings:DeviceInformation', 'Settings:UserInformation', 'Search:Store', 'GAL:Picture',
  'ResolveRecipients:Certificates', 'ResolveRecipients:Availability', 'ValidateCert:CheckCRL', 'Ping:Folders',
  'Move:DstMsgId', 'GetItemEstimate:Estimate', 'MeetingResponse:InstanceId', 'Find:MailBoxSearchCriterion',
  'Find:GalSearchCriterion',
];

const CALENDAR_SYNC = [
  'renamed:4:Timezone', 'renamed:4:DtStamp', 'renamed:4:OrganizerName', 'renamed:4:OrganizerEmail',
  'renamed:4:Email', 'renamed:4:Name', 'renamed:4:AttendeeStatus', 'renamed:4:AttendeeType',
  'renamed:4:Type', 'renamed:4:Occurrences', 'renamed:4:Interval', 'renamed:4:DayOfWeek',
  'renamed:4:DayOfMonth', 'renamed:4:MonthOfYear', 'renamed:4:Deleted', 'renamed:4:ExceptionStartTime',
];
const CONTACTS_SYNC = [
  'renamed:1:AssistantPhoneNumber', 'renamed:1:BusinessAddressCity', 'renamed:1:BusinessAddressCountry',
  'renamed:1:BusinessAddressPostalCode', 'renamed:1:BusinessAddressStreet', 'renamed:1:HomeAddressCity',
  'renamed:1:HomeAddressPostalCode', 'renamed:1:HomeAddressStreet',
];
const TASKS_SYNC = [
  'renamed:9:UtcStartDate', 'renamed:9:UtcDueDate', 'renamed:9:Type', 'renamed:9:Start', 'renamed:9:Interval',
  'renamed:9:DayOfMonth', 'renamed:9:Regenerate', 'renamed:9:DeadOccur',
];
const COMPOSE_MIME = ['renamed:21:Mime', 'binary:21:Mime'];

/** Deviation ids (libwbxml-deviations.ts, plus xml:opaque-bytes) per fixture; absent = none. */
export const EXPECTED_DEVIATIONS: Readonly<Record<string, readonly string[]>> = {
  'sync-002': [
    'renamed:2:Status', 'renamed:9:UtcStartDate', 'renamed:9:UtcDueDate', 'renamed:4:Timezone', 'renamed:4:DtStamp',
  ],
  'sync-003': ['renamed:2:ReplyTo', 'renamed:2:Status', 'binary:22:ConversationId', 'binary:22:ConversationIndex'],
  'sync-004': CALENDAR_SYNC,
  'sync-005': CONTACTS_SYNC,
  'sync-006': TASKS_SYNC,
  'send-mail-001': COMPOSE_MIME,
  'smart-reply-001': COMPOSE_MIME,
  'smart-forward-001': COMPOSE_MIME,
  'item-operations-001': ['binary:20:ConversationId'],
  'item-operations-002': ['binary:20:ConversationId', 'xml:opaque-bytes'],
  'provision-002': ['renamed:14:RequireStorageCardEncryption'],
  'resolve-recipients-002': ['binary:10:Data'],
  'search-004': ['namespace:16', 'binary:16:Data'],
  'settings-002': ['renamed:18:SMTPAddress'],
  'find-001': ['page:25'],
  'find-002': ['page:25'],
  'find-003': ['page:25'],
};

/** MS-ASWBXML 2.1.2.1.26 (Code Page 25: Find), transcribed here independently of
 *  src/wbxml/code-pages: libwbxml has no Find page, so the spec table is the only second opinion. */
export const FIND_PAGE_TOKENS: Readonly<Record<string, number>> = {
  Find: 0x05, SearchId: 0x06, ExecuteSearch: 0x07, MailBoxSearchCriterion: 0x08, Query: 0x09, Status: 0x0a,
  FreeText: 0x0b, Options: 0x0c, Range: 0x0d, DeepTraversal: 0x0e, Response: 0x11, Result: 0x12,
  Properties: 0x13, Preview: 0x14, HasAttachments: 0x15, Total: 0x16, DisplayCc: 0x17, DisplayBcc: 0x18,
  GalSearchCriterion: 0x19, MaxPictures: 0x20, MaxSize: 0x21, Picture: 0x22,
};
