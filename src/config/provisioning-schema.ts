// The `provisioning` subsystem: whether devices must provision before syncing (MS-ASPROV), the
// EASProvisionDoc policy they receive, which devices are exempt, and which device types get HTTP
// 449 even on 14.0+ (CLIENT-QUIRKS §6.3). Policy keys are the MS-ASPROV 2.2.2 element names with a
// lower-case first letter; a key left out is not sent, and the client then applies the spec's
// default for it (which is always the permissive one).
import { z } from 'zod';

const BOOL_ERROR = 'expected true or false';

function bool(): z.ZodBoolean {
  return z.boolean({ error: BOOL_ERROR });
}

function int(min: number, max: number, note = ''): z.ZodInt {
  const error = `expected integer ${min}-${max}${note}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
}

function oneOf(values: readonly number[], note: string): z.ZodType<number> {
  const error = `expected one of ${values.join(', ')} (${note})`;
  return z.int({ error }).refine((value) => values.includes(value), { error });
}

const UINT32_MAX = 0xffffffff;

function nameList(what: string, pattern?: RegExp): z.ZodType<string[]> {
  const error = `expected a list of ${what}`;
  const item = pattern === undefined ? z.string({ error }).min(1, { error }) : z.string({ error }).regex(pattern, { error });
  return z.array(item, { error });
}

/** MS-ASPROV 2.2.2.2-2.2.2.52: every EASProvisionDoc setting, optional. */
export const policySchema = z.strictObject({
  devicePasswordEnabled: bool().optional(),
  alphanumericDevicePasswordRequired: bool().optional(),
  passwordRecoveryEnabled: bool().optional(),
  requireStorageCardEncryption: bool().optional(),
  attachmentsEnabled: bool().optional(),
  minDevicePasswordLength: int(1, 16, ' (characters)').optional(),
  maxInactivityTimeDeviceLock: int(0, 9999, ' (seconds; 0 = no lock)').optional(),
  maxDevicePasswordFailedAttempts: int(4, 16).optional(),
  maxAttachmentSize: int(0, UINT32_MAX, ' (bytes)').optional(),
  allowSimpleDevicePassword: bool().optional(),
  devicePasswordExpiration: int(0, UINT32_MAX, ' (days; 0 = never)').optional(),
  devicePasswordHistory: int(0, UINT32_MAX).optional(),
  allowStorageCard: bool().optional(),
  allowCamera: bool().optional(),
  requireDeviceEncryption: bool().optional(),
  allowUnsignedApplications: bool().optional(),
  allowUnsignedInstallationPackages: bool().optional(),
  minDevicePasswordComplexCharacters: int(1, 4).optional(),
  allowWiFi: bool().optional(),
  allowTextMessaging: bool().optional(),
  allowPOPIMAPEmail: bool().optional(),
  allowBluetooth: oneOf([0, 1, 2], '0 off, 1 hands-free only, 2 on').optional(),
  allowIrDA: bool().optional(),
  requireManualSyncWhenRoaming: bool().optional(),
  allowDesktopSync: bool().optional(),
  maxCalendarAgeFilter: oneOf([0, 4, 5, 6, 7], '0 all, 4 two weeks, 5 a month, 6 three months, 7 six months').optional(),
  allowHTMLEmail: bool().optional(),
  maxEmailAgeFilter: int(0, 5, ' (0 all, 1 a day ... 5 a month)').optional(),
  maxEmailBodyTruncationSize: int(-1, 2147483647, ' (KB; -1 = no limit)').optional(),
  maxEmailHTMLBodyTruncationSize: int(-1, 2147483647, ' (KB; -1 = no limit)').optional(),
  requireSignedSMIMEMessages: bool().optional(),
  requireEncryptedSMIMEMessages: bool().optional(),
  requireSignedSMIMEAlgorithm: oneOf([0, 1], '0 SHA-1, 1 MD5').optional(),
  requireEncryptionSMIMEAlgorithm: oneOf([0, 1, 2, 3, 4], '0 3DES, 1 DES, 2 RC2-128, 3 RC2-64, 4 RC2-40').optional(),
  allowSMIMEEncryptionAlgorithmNegotiation: oneOf([0, 1, 2], '0 none, 1 strongest only, 2 any').optional(),
  allowSMIMESoftCerts: bool().optional(),
  allowBrowser: bool().optional(),
  allowConsumerEmail: bool().optional(),
  allowRemoteDesktop: bool().optional(),
  allowInternetSharing: bool().optional(),
  unapprovedInROMApplicationList: nameList('application names').optional(),
  // MS-ASPROV 2.2.2.29: each Hash is the SHA-1 of an application file, sent as 40 hex digits.
  approvedApplicationList: nameList('SHA-1 hashes (40 hex digits)', /^[0-9A-Fa-f]{40}$/).optional(),
});

const deviceTypeList = (what: string): z.ZodType<string[]> => nameList(what);

export const provisioningSchema = z.strictObject({
  // Off: no command demands a policy key (remote wipes still reach devices); Provision still
  // answers devices that ask on their own.
  required: bool().default(true),
  // Outlook desktop never provisions and is let in by other servers; the Microsoft Connectivity
  // Analyzer cannot provision either (CLIENT-QUIRKS §3.1). Compared without regard to case.
  exemptDeviceTypes: deviceTypeList('DeviceType values').default(['WindowsOutlook', 'WindowsOutlook15', 'TestActiveSyncConnectivity']),
  exemptDeviceIds: deviceTypeList('DeviceId values').default([]),
  // Devices that claim 14.0+ but only understand HTTP 449 (CLIENT-QUIRKS §6.3).
  legacy449DeviceTypes: deviceTypeList('DeviceType values').default([]),
  // Accept an acknowledgement reporting partial (2), no (3) or third-party (4) compliance; when
  // false those get Provision Status 139 (MS-ASPROV 3.1.5.2).
  allowNonCompliantDevices: bool().default(true),
  // 16.1 devices must send DeviceInformation in their first Provision (MS-ASPROV 2.2.2.53);
  // without it they get Status 165. Off: accept them anyway.
  requireDeviceInformation: bool().default(true),
  // Permissive by default: no device password, attachments allowed. The Gmail app has refused
  // policy sets weaker than its own defaults, and a near-empty set was the working answer
  // (CLIENT-QUIRKS §2.1), so nothing else is sent unless configured.
  policy: policySchema.default({ devicePasswordEnabled: false, attachmentsEnabled: true }),
});

export type ProvisioningConfigInput = z.input<typeof provisioningSchema>;
