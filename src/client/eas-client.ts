// Our EAS device in code. It speaks to any EAS server (Exchange, Z-Push, Pushbridge) the way a
// phone does: Basic auth, the plain or base64 request line (MS-ASHTTP 2.2.1.1.1), WBXML bodies,
// and automatic two-phase provisioning (MS-ASPROV 3.1.5.1) when the server answers HTTP 449 or
// Status 142/143/144, retrying the original command once. Used by `pushbridge diag` and by tests.

import type { Dispatcher } from 'undici';
import { decodeWbxml, encodeWbxml, type WbxmlElement } from '../wbxml/index.js';
import type { EasCommandName } from '../eas/commands.js';
import { EAS_WBXML_CONTENT_TYPE, REQUEST_HEADERS } from '../eas/headers.js';
import { versionAtLeast, type ProtocolVersion } from '../eas/protocol-version.js';
import { formatBase64RequestLine, formatPlainRequestLine, type RequestLineParams } from '../eas/request-line.js';
import { EAS_STATUS } from '../eas/status.js';
import { EasClientError } from './client-errors.js';
import { cloneClientState, createClientState, type EasClientState } from './client-state.js';
import { basicAuthorization, performRequest, resolveEndpoint } from './http-transport.js';
import { readOptionsReply, type OptionsReply } from './options-reply.js';
import { runProvisioning, type ProvisionOutcome } from './provisioning.js';
import { readCommandStatus } from './response-readers.js';
import { buildRemoteWipeAcknowledgement, type DeviceInformation, type PingFolder } from './request-builders.js';
import type { CommandChannel, EasClientEvent, EasResponse, ProvisioningTrigger, SendOptions } from './client-types.js';
import * as helpers from './command-helpers.js';

const DEFAULT_TIMEOUT_MS = 30_000;
/** MS-ASHTTP 2.2.1.1.1.1: locale field of the base64 line; 0x0409 is en-US. */
const DEFAULT_LOCALE = 0x0409;
/** MS-ASCMD 2.2.2: common statuses that mean "provision again". */
const PROVISIONING_STATUSES: ReadonlySet<number | undefined> = new Set([
  EAS_STATUS.DeviceNotProvisioned, EAS_STATUS.PolicyRefresh, EAS_STATUS.InvalidPolicyKey,
]);
const REMOTE_WIPE_STATUS = EAS_STATUS.RemoteWipeRequested;

export interface EasClientOptions {
  baseUrl: string;
  username: string;
  password: string;
  deviceId: string;
  deviceType: string;
  userAgent?: string;
  protocolVersion: ProtocolVersion;
  /** Plain (iOS, Android) or base64 (Microsoft clients, Nine); base64 needs 12.1+ and falls back to plain below. */
  requestLineForm?: 'plain' | 'base64';
  timeoutMs?: number;
  /** undici connection pool for this device (a bench's loopback pool, say); the global one when absent. */
  dispatcher?: Dispatcher;
  locale?: number;
  /** Sent in Settings (12.1-14.0) or inside the initial Provision (14.1+). */
  deviceInformation?: DeviceInformation;
  /** iOS sends "X-MS-PolicyKey: 0" before it has a key (CLIENT-QUIRKS §1). */
  sendZeroPolicyKey?: boolean;
  /** Provision and retry once on 449/142/143/144 (default true). */
  autoProvision?: boolean;
  /** A state saved with exportState() to resume as the same device. */
  state?: EasClientState;
  onEvent?: (event: EasClientEvent) => void;
}

function isWbxml(raw: Uint8Array): boolean {
  // MS-ASWBXML: every EAS body starts 03 01 6A 00 (WBXML 1.3, unknown public id, UTF-8, no string table).
  return raw.length >= 4 && raw[0] === 0x03 && raw[1] === 0x01 && raw[2] === 0x6a && raw[3] === 0x00;
}

export function provisioningTrigger(response: EasResponse): ProvisioningTrigger | undefined {
  if (response.status === 449) return 'http-449';
  if (response.status !== 200 || response.body === undefined) return undefined;
  const status = readCommandStatus(response.body);
  return PROVISIONING_STATUSES.has(status) ? `status-${status}` as ProvisioningTrigger : undefined;
}

export class EasClient implements CommandChannel {
  readonly endpoint: URL;
  private readonly config: EasClientOptions;
  private version: ProtocolVersion;
  private state: EasClientState;

  constructor(options: EasClientOptions) {
    this.endpoint = resolveEndpoint(options.baseUrl);
    this.config = options;
    this.version = options.protocolVersion;
    this.state = options.state === undefined ? createClientState() : cloneClientState(options.state);
  }

  get protocolVersion(): ProtocolVersion {
    return this.version;
  }

  /** Switches version after negotiation; keys stay (a real device keeps them too). */
  setProtocolVersion(version: ProtocolVersion): void {
    this.version = version;
  }

  get deviceInformation(): DeviceInformation {
    return this.config.deviceInformation ?? { model: this.config.deviceType, friendlyName: 'Pushbridge client', userAgent: this.userAgent };
  }

  get userAgent(): string {
    return this.config.userAgent ?? 'Pushbridge-Client/0.1';
  }

  /** A copy of the device state, safe to JSON.stringify. */
  exportState(): EasClientState {
    return cloneClientState(this.state);
  }

  /** Live state, mutated by the command helpers (policy key, FolderSync and Sync keys). */
  get mutableState(): EasClientState {
    return this.state;
  }

  private emit(event: EasClientEvent): void {
    this.config.onEvent?.(event);
  }

  /** OPTIONS, unauthenticated by default as iOS and Android send it (CLIENT-QUIRKS §6.1). */
  async options(opts: { authenticate?: boolean; timeoutMs?: number } = {}): Promise<OptionsReply & { durationMs: number }> {
    const headers: Record<string, string> = { 'User-Agent': this.userAgent };
    if (opts.authenticate === true) headers.Authorization = basicAuthorization(this.config.username, this.config.password);
    const response = await performRequest({
      method: 'OPTIONS', url: this.endpoint, headers, timeoutMs: opts.timeoutMs ?? this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...this.poolOption(),
    });
    return { ...readOptionsReply(response.status, response.headers), durationMs: response.durationMs };
  }

  /**
   * Sends one command, provisioning and retrying once when the server demands it. Throws
   * EasClientError 'remote-wipe' on Status 140, 'provisioning' when the demand repeats.
   */
  async send(command: EasCommandName, body?: WbxmlElement | Uint8Array, options: SendOptions = {}): Promise<EasResponse> {
    const first = await this.sendRaw(command, body, options);
    this.refuseRemoteWipe(command, first);
    const trigger = provisioningTrigger(first);
    if (trigger === undefined || command === 'Provision' || this.config.autoProvision === false) return first;
    this.emit({ type: 'provisioning-required', command, trigger });
    await this.provision();
    const second = await this.sendRaw(command, body, options);
    this.refuseRemoteWipe(command, second);
    const again = provisioningTrigger(second);
    if (again !== undefined) {
      throw new EasClientError('provisioning',
        `${command}: server still demands provisioning (${again}) right after a successful Provision; not retrying again`,
        { httpStatus: second.status });
    }
    return second;
  }

  /** One request exactly as given: no provisioning, no retry. */
  async sendRaw(command: EasCommandName, body?: WbxmlElement | Uint8Array, options: SendOptions = {}): Promise<EasResponse> {
    const policyKey = options.policyKey === undefined ? this.currentPolicyKey() : options.policyKey ?? undefined;
    const useBase64 = this.config.requestLineForm === 'base64' && versionAtLeast(this.version, '12.1');
    const headers: Record<string, string> = {
      Authorization: basicAuthorization(this.config.username, this.config.password),
      'User-Agent': this.userAgent,
    };
    const search = useBase64 ? this.base64Line(command, policyKey, options.params) : this.plainLine(command, options.params);
    if (!useBase64) {
      // MS-ASHTTP 2.2.1.1.2.6 / 2.2.1.1.2.8: in the base64 form these travel inside the line instead.
      headers[REQUEST_HEADERS.protocolVersion] = this.version;
      if (policyKey !== undefined) headers[REQUEST_HEADERS.policyKey] = policyKey;
      if (options.params?.acceptMultiPart === true) headers[REQUEST_HEADERS.acceptMultiPart] = 'T';
    }
    let bytes: Uint8Array | undefined;
    if (body !== undefined) {
      bytes = body instanceof Uint8Array ? body : encodeWbxml(body);
      headers['Content-Type'] = options.contentType ?? EAS_WBXML_CONTENT_TYPE;
    }
    const url = new URL(this.endpoint);
    url.search = search;
    const response = await performRequest({
      method: 'POST', url, headers, timeoutMs: options.timeoutMs ?? this.config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(bytes === undefined ? {} : { body: bytes }),
      ...this.poolOption(),
    });
    const decoded: EasResponse = { ...response, ...this.decodeBody(command, response.status, response.raw) };
    this.emit({ type: 'response', command, response: decoded });
    return decoded;
  }

  /**
   * Acknowledges a remote-wipe directive (MS-ASPROV 3.1.5.1.2.2/3) without a policy key, as a
   * device about to wipe itself does. This client never wipes anything; tests use it to play one.
   */
  async acknowledgeRemoteWipe(kind: 'full' | 'account-only', status: 1 | 2 = 1): Promise<EasResponse> {
    return this.sendRaw('Provision', buildRemoteWipeAcknowledgement(kind, String(status)), { policyKey: null });
  }

  /** Two-phase Provision (MS-ASPROV 3.1.5.1); stores the final key in the state. */
  async provision(): Promise<ProvisionOutcome> {
    delete this.state.policyKey;
    const outcome = await runProvisioning({
      version: this.version,
      deviceInformation: this.deviceInformation,
      // MS-ASPROV 2.2.2.42: the initial request carries no key (iOS sends 0; sendZeroPolicyKey mimics it).
      send: (body, policyKey) => this.sendRaw('Provision', body, { policyKey: policyKey ?? (this.config.sendZeroPolicyKey === true ? '0' : null) }),
    });
    if (outcome.policyKey === undefined) delete this.state.policyKey;
    else this.state.policyKey = outcome.policyKey;
    this.emit({ type: 'provisioned', policyKey: outcome.policyKey });
    return outcome;
  }

  settingsDeviceInformation(info?: DeviceInformation): Promise<helpers.SettingsResult> {
    return helpers.settingsDeviceInformation(this, info);
  }

  /** FolderSync from the saved key (0 on a fresh device), or from the key given. */
  folderSync(syncKey?: string): Promise<helpers.FolderSyncResult> {
    return helpers.folderSync(this, syncKey);
  }

  sync(collectionId: string, options?: helpers.SyncRequestOptions): Promise<helpers.SyncResult> {
    return helpers.sync(this, collectionId, options);
  }

  getItemEstimate(collectionId: string, options?: { className?: string; filterType?: number }): Promise<helpers.EstimateResult> {
    return helpers.getItemEstimate(this, collectionId, options);
  }

  ping(request: { heartbeatInterval?: number; folders?: readonly PingFolder[] }): Promise<helpers.PingResult> {
    return helpers.ping(this, request);
  }

  private poolOption(): { dispatcher?: Dispatcher } {
    return this.config.dispatcher === undefined ? {} : { dispatcher: this.config.dispatcher };
  }

  private currentPolicyKey(): string | undefined {
    return this.state.policyKey ?? (this.config.sendZeroPolicyKey === true ? '0' : undefined);
  }

  private plainLine(command: EasCommandName, params: RequestLineParams | undefined): string {
    return formatPlainRequestLine({
      command, user: this.config.username, deviceId: this.config.deviceId, deviceType: this.config.deviceType,
      ...(params === undefined ? {} : { params }),
    });
  }

  private base64Line(command: EasCommandName, policyKey: string | undefined, params: RequestLineParams | undefined): string {
    let numericKey: number | undefined;
    if (policyKey !== undefined) {
      // MS-ASHTTP 2.2.1.1.1.1: the policy key field is a 4-byte integer.
      if (!/^\d{1,10}$/.test(policyKey) || Number(policyKey) > 0xffffffff) {
        throw new EasClientError('unsupported', `policy key "${policyKey}" cannot travel in the base64 request line`);
      }
      numericKey = Number(policyKey);
    }
    return formatBase64RequestLine({
      command, user: this.config.username, deviceId: this.config.deviceId, deviceType: this.config.deviceType,
      protocolVersion: this.version, locale: this.config.locale ?? DEFAULT_LOCALE,
      ...(numericKey === undefined ? {} : { policyKey: numericKey }),
      ...(params === undefined ? {} : { params }),
    });
  }

  private decodeBody(command: EasCommandName, status: number, raw: Uint8Array): { body?: WbxmlElement } {
    if (!isWbxml(raw)) return {};
    try {
      return { body: decodeWbxml(raw) };
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new EasClientError('bad-response', `${command}: undecodable WBXML body (${reason})`, { httpStatus: status, cause });
    }
  }

  private refuseRemoteWipe(command: EasCommandName, response: EasResponse): void {
    if (response.status === 200 && response.body !== undefined && readCommandStatus(response.body) === REMOTE_WIPE_STATUS) {
      throw new EasClientError('remote-wipe', `${command}: server requested a remote wipe (Status 140); not acknowledged`, { httpStatus: 200 });
    }
  }
}
