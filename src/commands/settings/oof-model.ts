// The Out of Office settings as stored per user (ValueStore "oof"): the state (MS-ASCMD
// 2.2.3.124), the scheduled range, and one message per audience (2.2.3.123). Stored as JSON, so it
// is read back defensively: damaged or foreign data reads as "OOF off", never as a crash.
import type { JsonValue } from '../../domain/state-store.js';

/** The user value the settings live under. */
export const OOF_VALUE = 'oof';

/** MS-ASCMD 2.2.3.124: 0 off, 1 on until turned off, 2 on between StartTime and EndTime. */
export type OofState = 0 | 1 | 2;

export type OofBodyType = 'Text' | 'HTML';

/** MS-ASCMD 2.2.3.12-2.2.3.14: the three audiences, by their request element. */
export const OOF_AUDIENCES = ['internal', 'externalKnown', 'externalUnknown'] as const;
export type OofAudience = (typeof OOF_AUDIENCES)[number];

export const AUDIENCE_ELEMENTS: Readonly<Record<OofAudience, string>> = {
  internal: 'Settings:AppliesToInternal',
  externalKnown: 'Settings:AppliesToExternalKnown',
  externalUnknown: 'Settings:AppliesToExternalUnknown',
};

export interface OofMessage {
  readonly enabled: boolean;
  /** Absent when no reply text was ever set for this audience. */
  readonly reply?: string;
  /** The format `reply` was written in; present exactly when `reply` is. */
  readonly bodyType?: OofBodyType;
}

export interface OofSettings {
  readonly state: OofState;
  /** ISO 8601 UTC instants; both or neither. */
  readonly startTime?: string;
  readonly endTime?: string;
  readonly messages: Readonly<Partial<Record<OofAudience, OofMessage>>>;
}

export const NO_OOF: OofSettings = Object.freeze({ state: 0, messages: Object.freeze({}) });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readMessage(value: unknown): OofMessage | undefined {
  if (!isRecord(value) || typeof value.enabled !== 'boolean') return undefined;
  const { reply, bodyType } = value;
  if (typeof reply === 'string' && (bodyType === 'Text' || bodyType === 'HTML')) {
    return { enabled: value.enabled, reply, bodyType };
  }
  return { enabled: value.enabled };
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

export function oofFromJson(value: JsonValue | undefined): OofSettings {
  if (!isRecord(value)) return NO_OOF;
  const state = value.state === 1 || value.state === 2 ? value.state : 0;
  const messages: Partial<Record<OofAudience, OofMessage>> = {};
  const stored = isRecord(value.messages) ? value.messages : {};
  for (const audience of OOF_AUDIENCES) {
    const message = readMessage(stored[audience]);
    if (message !== undefined) messages[audience] = message;
  }
  const range = isInstant(value.startTime) && isInstant(value.endTime) ? { startTime: value.startTime, endTime: value.endTime } : {};
  return { state, ...range, messages };
}

export function oofToJson(settings: OofSettings): JsonValue {
  const messages: Record<string, JsonValue> = {};
  for (const audience of OOF_AUDIENCES) {
    const message = settings.messages[audience];
    if (message === undefined) continue;
    messages[audience] = {
      enabled: message.enabled,
      ...(message.reply === undefined || message.bodyType === undefined ? {} : { reply: message.reply, bodyType: message.bodyType }),
    };
  }
  return {
    state: settings.state,
    ...(settings.startTime === undefined || settings.endTime === undefined ? {} : { startTime: settings.startTime, endTime: settings.endTime }),
    messages,
  };
}
