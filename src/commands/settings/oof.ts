// Settings Oof (MS-ASCMD 2.2.3.122): Out of Office per user, shared by all the user's devices.
// Set merges into what is stored (a Set that only turns OOF off keeps the messages, as Exchange
// does); Get answers OofState, the range and one OofMessage per audience in the asked BodyType.
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { element } from '../../eas/wbxml-body.js';
import { convertReply } from './oof-body.js';
import type { OofAudience, OofBodyType, OofMessage, OofSettings } from './oof-model.js';
import { AUDIENCE_ELEMENTS, OOF_AUDIENCES, OOF_VALUE, oofFromJson, oofToJson } from './oof-model.js';
import type { OofMessageChange, OofSetRequest } from './oof-request.js';
import { parseOofRequest } from './oof-request.js';
import type { SettingsPartContext } from './settings-part.js';
import { protocolError } from './settings-status.js';

function mergeMessage(previous: OofMessage | undefined, change: OofMessageChange): OofMessage {
  const enabled = change.enabled ?? previous?.enabled ?? false;
  if (change.reply !== undefined) return { enabled, reply: change.reply.text, bodyType: change.reply.bodyType };
  if (previous?.reply !== undefined && previous.bodyType !== undefined) return { enabled, reply: previous.reply, bodyType: previous.bodyType };
  return { enabled };
}

/** The stored settings after a Set; throws when the result would be unusable. */
export function applyOofSet(current: OofSettings, set: OofSetRequest): OofSettings {
  const messages: Partial<Record<OofAudience, OofMessage>> = { ...current.messages };
  for (const change of set.messages) messages[change.audience] = mergeMessage(current.messages[change.audience], change);
  const range = set.range ?? (current.startTime !== undefined && current.endTime !== undefined
    ? { startTime: current.startTime, endTime: current.endTime }
    : undefined);
  const state = set.state ?? current.state;
  // 2.2.3.124: state 2 means "between StartTime and EndTime"; without a range it means nothing.
  if (state === 2 && range === undefined) throw protocolError('a time-based OofState needs StartTime and EndTime');
  return { state, ...(range ?? {}), messages };
}

function messageReply(audience: OofAudience, message: OofMessage | undefined, bodyType: OofBodyType): WbxmlElement {
  // MS-ASCMD 2.2.3.123 order: the audience marker, Enabled, ReplyMessage, BodyType.
  const children = [element(AUDIENCE_ELEMENTS[audience]), element('Settings:Enabled', message?.enabled === true ? '1' : '0')];
  if (message?.reply !== undefined && message.bodyType !== undefined) {
    children.push(
      element('Settings:ReplyMessage', convertReply(message.reply, message.bodyType, bodyType)),
      element('Settings:BodyType', bodyType),
    );
  }
  return element('Settings:OofMessage', children);
}

/** The reply's Get: OofState, StartTime, EndTime, OofMessage in the sequence of SettingsResponse.xsd. */
export function oofGetReply(settings: OofSettings, bodyType: OofBodyType): WbxmlElement {
  const children = [element('Settings:OofState', String(settings.state))];
  if (settings.startTime !== undefined && settings.endTime !== undefined) {
    children.push(element('Settings:StartTime', settings.startTime), element('Settings:EndTime', settings.endTime));
  }
  for (const audience of OOF_AUDIENCES) children.push(messageReply(audience, settings.messages[audience], bodyType));
  return element('Settings:Get', children);
}

export async function handleOof(part: WbxmlElement, pc: SettingsPartContext): Promise<WbxmlElement[]> {
  const request = parseOofRequest(part);
  const { values } = pc.deps.state;
  const user = pc.ctx.user.username;
  const current = oofFromJson(await values.getUserValue(user, OOF_VALUE));
  if (request.kind === 'get') return [oofGetReply(current, request.bodyType)];
  await values.setUserValue(user, OOF_VALUE, oofToJson(applyOofSet(current, request)));
  return [];
}
