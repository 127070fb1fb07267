// The EASProvisionDoc settings (MS-ASPROV 2.2.2.28) as data: the setting's name in configuration
// (the element name with a lower-case first letter), its Provision code-page tag, how its value
// is written, and the first protocol version that defines it. Listed in the order of their tokens
// on the Provision code page (MS-ASWBXML 2.1.2.1.15), which is the order they are sent in.

import type { ProtocolVersion } from '../../eas/protocol-version.js';

export type PolicyValueKind =
  /** MS-ASDTYPE boolean: "0" or "1". */
  | 'boolean'
  /** A decimal integer. */
  | 'integer'
  /** A list of ApplicationName children (UnapprovedInROMApplicationList). */
  | 'application-names'
  /** A list of Hash children (ApprovedApplicationList). */
  | 'hashes';

export interface PolicySettingSpec {
  readonly key: PolicyKeyName;
  readonly tag: string;
  readonly kind: PolicyValueKind;
  readonly minVersion: ProtocolVersion;
}

/** The policy values configuration may set; absent settings are not sent. */
export interface PolicySettings {
  readonly devicePasswordEnabled?: boolean;
  readonly alphanumericDevicePasswordRequired?: boolean;
  readonly passwordRecoveryEnabled?: boolean;
  readonly requireStorageCardEncryption?: boolean;
  readonly attachmentsEnabled?: boolean;
  readonly minDevicePasswordLength?: number;
  readonly maxInactivityTimeDeviceLock?: number;
  readonly maxDevicePasswordFailedAttempts?: number;
  readonly maxAttachmentSize?: number;
  readonly allowSimpleDevicePassword?: boolean;
  readonly devicePasswordExpiration?: number;
  readonly devicePasswordHistory?: number;
  readonly allowStorageCard?: boolean;
  readonly allowCamera?: boolean;
  readonly requireDeviceEncryption?: boolean;
  readonly allowUnsignedApplications?: boolean;
  readonly allowUnsignedInstallationPackages?: boolean;
  readonly minDevicePasswordComplexCharacters?: number;
  readonly allowWiFi?: boolean;
  readonly allowTextMessaging?: boolean;
  readonly allowPOPIMAPEmail?: boolean;
  readonly allowBluetooth?: number;
  readonly allowIrDA?: boolean;
  readonly requireManualSyncWhenRoaming?: boolean;
  readonly allowDesktopSync?: boolean;
  readonly maxCalendarAgeFilter?: number;
  readonly allowHTMLEmail?: boolean;
  readonly maxEmailAgeFilter?: number;
  readonly maxEmailBodyTruncationSize?: number;
  readonly maxEmailHTMLBodyTruncationSize?: number;
  readonly requireSignedSMIMEMessages?: boolean;
  readonly requireEncryptedSMIMEMessages?: boolean;
  readonly requireSignedSMIMEAlgorithm?: number;
  readonly requireEncryptionSMIMEAlgorithm?: number;
  readonly allowSMIMEEncryptionAlgorithmNegotiation?: number;
  readonly allowSMIMESoftCerts?: boolean;
  readonly allowBrowser?: boolean;
  readonly allowConsumerEmail?: boolean;
  readonly allowRemoteDesktop?: boolean;
  readonly allowInternetSharing?: boolean;
  readonly unapprovedInROMApplicationList?: readonly string[];
  readonly approvedApplicationList?: readonly string[];
}

export type PolicyKeyName = keyof PolicySettings;

const s = (key: PolicyKeyName, kind: PolicyValueKind, minVersion: ProtocolVersion): PolicySettingSpec => ({
  key,
  tag: `Provision:${key.charAt(0).toUpperCase()}${key.slice(1)}`,
  kind,
  minVersion,
});

/**
 * Versions come from each element's "Protocol Versions" table in MS-ASPROV 2.2.2: Exchange 2007
 * (12.0) defined the password and attachment settings, 12.1 added the rest. Token 0x10 was named
 * DeviceEncryptionEnabled in 12.0 and RequireStorageCardEncryption later; same token, same meaning.
 */
export const POLICY_SETTINGS: readonly PolicySettingSpec[] = [
  s('devicePasswordEnabled', 'boolean', '12.0'),
  s('alphanumericDevicePasswordRequired', 'boolean', '12.0'),
  s('requireStorageCardEncryption', 'boolean', '12.0'),
  s('passwordRecoveryEnabled', 'boolean', '12.0'),
  s('attachmentsEnabled', 'boolean', '12.0'),
  s('minDevicePasswordLength', 'integer', '12.0'),
  s('maxInactivityTimeDeviceLock', 'integer', '12.0'),
  s('maxDevicePasswordFailedAttempts', 'integer', '12.0'),
  s('maxAttachmentSize', 'integer', '12.0'),
  s('allowSimpleDevicePassword', 'boolean', '12.0'),
  s('devicePasswordExpiration', 'integer', '12.0'),
  s('devicePasswordHistory', 'integer', '12.0'),
  s('allowStorageCard', 'boolean', '12.1'),
  s('allowCamera', 'boolean', '12.1'),
  s('requireDeviceEncryption', 'boolean', '12.1'),
  s('allowUnsignedApplications', 'boolean', '12.1'),
  s('allowUnsignedInstallationPackages', 'boolean', '12.1'),
  s('minDevicePasswordComplexCharacters', 'integer', '12.1'),
  s('allowWiFi', 'boolean', '12.1'),
  s('allowTextMessaging', 'boolean', '12.1'),
  s('allowPOPIMAPEmail', 'boolean', '12.1'),
  s('allowBluetooth', 'integer', '12.1'),
  s('allowIrDA', 'boolean', '12.1'),
  s('requireManualSyncWhenRoaming', 'boolean', '12.1'),
  s('allowDesktopSync', 'boolean', '12.1'),
  s('maxCalendarAgeFilter', 'integer', '12.1'),
  s('allowHTMLEmail', 'boolean', '12.1'),
  s('maxEmailAgeFilter', 'integer', '12.1'),
  s('maxEmailBodyTruncationSize', 'integer', '12.1'),
  s('maxEmailHTMLBodyTruncationSize', 'integer', '12.1'),
  s('requireSignedSMIMEMessages', 'boolean', '12.1'),
  s('requireEncryptedSMIMEMessages', 'boolean', '12.1'),
  s('requireSignedSMIMEAlgorithm', 'integer', '12.1'),
  s('requireEncryptionSMIMEAlgorithm', 'integer', '12.1'),
  s('allowSMIMEEncryptionAlgorithmNegotiation', 'integer', '12.1'),
  s('allowSMIMESoftCerts', 'boolean', '12.1'),
  s('allowBrowser', 'boolean', '12.1'),
  s('allowConsumerEmail', 'boolean', '12.1'),
  s('allowRemoteDesktop', 'boolean', '12.1'),
  s('allowInternetSharing', 'boolean', '12.1'),
  s('unapprovedInROMApplicationList', 'application-names', '12.1'),
  s('approvedApplicationList', 'hashes', '12.1'),
];
