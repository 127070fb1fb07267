// Public face of our EAS client: the device (EasClient), its saved state, the diagnostic runner
// and the device profiles it imitates. Integration tests and the admin CLI import from here.

export { EasClientError, type EasClientErrorCode } from './client-errors.js';
export { cloneClientState, createClientState, parseClientState, type EasClientState } from './client-state.js';
export type { EasClientEvent, EasResponse, ProvisioningTrigger, SendOptions } from './client-types.js';
export type { EstimateResult, FolderSyncResult, PingResult, SettingsResult, SyncRequestOptions, SyncResult } from './command-helpers.js';
export { DEVICE_PROFILES, type DeviceProfile, type DeviceProfileName } from './device-profiles.js';
export { formatDiagReport, runDiagnostics, type DiagOptions, type DiagReport, type DiagResult, type DiagStep } from './diag.js';
export { EasClient, provisioningTrigger, type EasClientOptions } from './eas-client.js';
export {
  buildComposeRequest, buildMeetingForward, forwardMeeting, sendMail, smartForward, smartReply,
  type ComposeResult, type ComposeSource, type MeetingForwardOptions, type SendMailOptions, type SmartOptions,
} from './compose-commands.js';
export { folderCreate, folderDelete, folderUpdate, type FolderChangeResult } from './folder-commands.js';
export {
  buildMeetingResponse, meetingResponse, readMeetingResponse, type MeetingResponseReply, type MeetingResponseRequest, type MeetingResponseResult,
} from './meeting-commands.js';
export * from './item-commands.js';
export { highestCommonVersion, readOptionsReply, type OptionsReply } from './options-reply.js';
export type { ProvisionOutcome } from './provisioning.js';
export type { DeviceInformation, PingFolder } from './request-builders.js';
export type { FolderEntry, SyncItem } from './response-readers.js';
export {
  buildMailboxSearch, readSearchReply, searchMailbox, sendSearch,
  type MailboxSearchRequest, type SearchReply, type SearchResult, type SearchResultEntry,
} from './search-commands.js';
export {
  buildDevicePasswordSet, buildOofGet, buildOofSet, buildRightsManagementGet, buildSettings, buildUserInformationGet, readSettingsParts,
  type OofReply, type OofSetting, type SettingsPartsReply, type UserInformationReply,
} from './settings-requests.js';
