// The device model: what the server remembers about one phone or mail client of one user —
// identity, what it told us about itself, its provisioning (policy) state, remote wipe, block and
// resync markers. The StateStore persists it; commands read it on every request.

/** A device is identified per user: the same DeviceId under two users is two devices. */
export interface DeviceKey {
  /** Canonical user name, as the Authenticator returned it. Compared exactly. */
  readonly user: string;
  /** The query's DeviceId; stores compare it lower-cased (CLIENT-QUIRKS §6: clients vary its case). */
  readonly deviceId: string;
}

/** DeviceId is case-insensitive on the wire; every store keys on this form. */
export function normalizeDeviceId(deviceId: string): string {
  return deviceId.toLowerCase();
}

export function deviceKey(user: string, deviceId: string): DeviceKey {
  return { user, deviceId: normalizeDeviceId(deviceId) };
}

/** Settings DeviceInformation Set (MS-ASCMD 2.2.3.47), also sent inside Provision from 14.1. */
export interface DeviceInformation {
  readonly model?: string;
  readonly imei?: string;
  readonly friendlyName?: string;
  readonly os?: string;
  readonly osLanguage?: string;
  readonly phoneNumber?: string;
  readonly userAgent?: string;
  readonly enableOutboundSms?: boolean;
  readonly mobileOperator?: string;
}

/**
 * MS-ASPROV two-phase provisioning: 'pending' after phase 1 handed out a temporary key,
 * 'provisioned' after the device acknowledged it and got its final key, 'policy-changed' when the
 * policy the device acknowledged is no longer the configured one (commands answer 449 / 143).
 */
export type ProvisioningState = 'none' | 'pending' | 'provisioned' | 'policy-changed';

export interface DevicePolicy {
  readonly state: ProvisioningState;
  /** The final key the device must send in X-MS-PolicyKey; null before the first acknowledgement. */
  readonly policyKey: number | null;
  /** The phase-1 key awaiting the device's acknowledgement; null when nothing is pending. */
  readonly temporaryKey: number | null;
  /** Hash of the policy document the device acknowledged, to notice a changed policy. */
  readonly policyHash: string | null;
  readonly updatedAt: Date | null;
}

export type WipeState = 'none' | 'requested' | 'acknowledged';

export interface DeviceWipe {
  readonly state: WipeState;
  /** 16.1 AccountOnlyRemoteWipe: only this account's data is removed from the device. */
  readonly accountOnly: boolean;
  readonly requestedAt: Date | null;
  readonly acknowledgedAt: Date | null;
}

export interface Device {
  readonly user: string;
  /** Lower-cased. */
  readonly deviceId: string;
  readonly deviceType: string;
  /** The HTTP User-Agent of the latest request that carried one. */
  readonly userAgent: string | null;
  /** MS-ASProtocolVersion of the latest request that carried one, e.g. "16.1". */
  readonly protocolVersion: string | null;
  readonly firstSeen: Date;
  readonly lastSeen: Date;
  readonly information: DeviceInformation;
  readonly policy: DevicePolicy;
  readonly wipe: DeviceWipe;
  /** A blocked device gets HTTP 403 on every request. */
  readonly blocked: boolean;
  /** Set by an admin: on its next request the device's sync states are dropped, so it restarts from SyncKey 0. */
  readonly resyncRequestedAt: Date | null;
}

/** What the front knows about a device on every request. */
export interface DeviceRequest {
  readonly user: string;
  readonly deviceId: string;
  readonly deviceType: string;
  /** Omitted or null keeps the stored value (OPTIONS carries no protocol version). */
  readonly userAgent?: string | null;
  readonly protocolVersion?: string | null;
}

/** Fields a command or the admin CLI may change; each given group replaces the stored one whole. */
export interface DevicePatch {
  readonly deviceType?: string;
  readonly information?: DeviceInformation;
  readonly policy?: DevicePolicy;
  readonly wipe?: DeviceWipe;
  readonly blocked?: boolean;
  readonly resyncRequestedAt?: Date | null;
}

export const NO_POLICY: DevicePolicy = Object.freeze({
  state: 'none',
  policyKey: null,
  temporaryKey: null,
  policyHash: null,
  updatedAt: null,
});

export const NO_WIPE: DeviceWipe = Object.freeze({
  state: 'none',
  accountOnly: false,
  requestedAt: null,
  acknowledgedAt: null,
});
