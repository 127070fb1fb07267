// Reading the Oof part of a Settings request (MS-ASCMD 2.2.3.122): a Get names the BodyType the
// replies should come back in; a Set carries any of OofState, the StartTime/EndTime range and up
// to three OofMessage elements, one per audience. Malformed structure is a protocol error (2), a
// well-formed but unusable value is an invalid argument (5).
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { childElements, qualifiedName } from '../../eas/wbxml-body.js';
import type { OofAudience, OofBodyType, OofState } from './oof-model.js';
import { AUDIENCE_ELEMENTS, OOF_AUDIENCES } from './oof-model.js';
import { SettingsPartError, invalidArgument, leafText, protocolError, requireEmpty, singleChildren } from './settings-status.js';

export interface OofMessageChange {
  readonly audience: OofAudience;
  readonly enabled?: boolean;
  readonly reply?: { readonly text: string; readonly bodyType: OofBodyType };
}

export interface OofSetRequest {
  readonly state?: OofState;
  readonly range?: { readonly startTime: string; readonly endTime: string };
  readonly messages: readonly OofMessageChange[];
}

export type OofRequest = { readonly kind: 'get'; readonly bodyType: OofBodyType } | ({ readonly kind: 'set' } & OofSetRequest);

/** MS-ASCMD 2.2.3.17: "Text" or "HTML"; clients differ in case, so case is not held against them. */
export function parseBodyType(el: WbxmlElement): OofBodyType {
  const value = leafText(el).trim();
  if (value.toLowerCase() === 'text') return 'Text';
  if (value.toLowerCase() === 'html') return 'HTML';
  throw invalidArgument(`BodyType must be Text or HTML, got "${value}"`);
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;
const COMPACT_INSTANT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** MS-ASDTYPE 2.3 datetime ("2024-07-01T08:00:00.000Z"; the compact 2.5 form is tolerated) as ISO. */
export function parseInstant(el: WbxmlElement): string {
  const value = leafText(el).trim();
  const match = ISO_INSTANT.exec(value) ?? COMPACT_INSTANT.exec(value);
  if (match === null) throw invalidArgument(`${qualifiedName(el)} is not a UTC date-time: "${value}"`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '0').padEnd(3, '0'));
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  // Date.UTC rolls 2024-02-30 over into March; a real date reads back unchanged.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw invalidArgument(`${qualifiedName(el)} is not a valid date-time: "${value}"`);
  }
  return date.toISOString();
}

function parseState(el: WbxmlElement): OofState {
  const value = leafText(el).trim();
  if (value === '0' || value === '1' || value === '2') return Number(value) as OofState;
  throw invalidArgument(`OofState must be 0, 1 or 2, got "${value}"`);
}

const MESSAGE_CHILDREN = [...Object.values(AUDIENCE_ELEMENTS), 'Settings:Enabled', 'Settings:ReplyMessage', 'Settings:BodyType'];

function parseMessage(el: WbxmlElement): OofMessageChange {
  const fields = singleChildren(el, MESSAGE_CHILDREN);
  // 2.2.3.12-2.2.3.14: exactly one audience marker per OofMessage.
  const audiences = OOF_AUDIENCES.filter((audience) => fields.has(AUDIENCE_ELEMENTS[audience]));
  const [audience] = audiences;
  if (audience === undefined || audiences.length > 1) throw protocolError('an OofMessage must name exactly one audience');
  requireEmpty(fields.get(AUDIENCE_ELEMENTS[audience]) as WbxmlElement);
  const enabledEl = fields.get('Settings:Enabled');
  const replyEl = fields.get('Settings:ReplyMessage');
  const bodyTypeEl = fields.get('Settings:BodyType');
  let enabled: boolean | undefined;
  if (enabledEl !== undefined) {
    const value = leafText(enabledEl).trim();
    if (value !== '0' && value !== '1') throw invalidArgument(`Enabled must be 0 or 1, got "${value}"`);
    enabled = value === '1';
  }
  if (replyEl === undefined) return { audience, ...(enabled === undefined ? {} : { enabled }) };
  // 2.2.3.17: BodyType is required whenever a ReplyMessage is present.
  if (bodyTypeEl === undefined) throw protocolError('a ReplyMessage needs a BodyType');
  const reply = { text: leafText(replyEl), bodyType: parseBodyType(bodyTypeEl) };
  return { audience, ...(enabled === undefined ? {} : { enabled }), reply };
}

function parseSet(set: WbxmlElement): OofSetRequest {
  const messageEls = childElements(set, 'Settings:OofMessage');
  const messages = messageEls.map(parseMessage);
  const seen = new Set(messages.map((m) => m.audience));
  if (seen.size !== messages.length) throw protocolError('two OofMessage elements name the same audience');
  const rest: WbxmlElement = { ...set, children: set.children.filter((child) => !messageEls.includes(child as WbxmlElement)) };
  const fields = singleChildren(rest, ['Settings:OofState', 'Settings:StartTime', 'Settings:EndTime']);
  const start = fields.get('Settings:StartTime');
  const end = fields.get('Settings:EndTime');
  // 2.2.3.176.2: StartTime without EndTime (or the reverse) is answered with Status 2.
  if ((start === undefined) !== (end === undefined)) throw protocolError('StartTime and EndTime come together or not at all');
  const stateEl = fields.get('Settings:OofState');
  let range: OofSetRequest['range'];
  if (start !== undefined && end !== undefined) {
    range = { startTime: parseInstant(start), endTime: parseInstant(end) };
    if (Date.parse(range.endTime) <= Date.parse(range.startTime)) {
      throw new SettingsPartError(6, 'EndTime is not after StartTime');
    }
  }
  return {
    ...(stateEl === undefined ? {} : { state: parseState(stateEl) }),
    ...(range === undefined ? {} : { range }),
    messages,
  };
}

export function parseOofRequest(part: WbxmlElement): OofRequest {
  const children = singleChildren(part, ['Settings:Get', 'Settings:Set']);
  const get = children.get('Settings:Get');
  const set = children.get('Settings:Set');
  if ((get === undefined) === (set === undefined)) throw protocolError('Oof takes exactly one of Get and Set');
  if (set !== undefined) return { kind: 'set', ...parseSet(set) };
  const bodyType = singleChildren(get as WbxmlElement, ['Settings:BodyType']).get('Settings:BodyType');
  // 2.2.3.17: "Because there is no default value, the BodyType element MUST be present" in a Get.
  if (bodyType === undefined) throw protocolError('an Oof Get needs a BodyType');
  return { kind: 'get', bodyType: parseBodyType(bodyType) };
}
