// The Settings parts a device sends besides DeviceInformation (MS-ASCMD 2.2.1.18): Oof Get/Set,
// UserInformation Get, DevicePassword Set, RightsManagementInformation Get (14.1+), and a reader
// for the reply's per-part statuses and data. Send with `client.send('Settings', buildSettings(...))`.

import { childElements, element, firstChild, textContent, type WbxmlElement } from '../wbxml/index.js';
import { expectRoot, readCommandStatus } from './response-readers.js';

export type OofBodyType = 'Text' | 'HTML';
export type OofAudience = 'internal' | 'externalKnown' | 'externalUnknown';

const AUDIENCE_TAGS: Readonly<Record<OofAudience, string>> = {
  internal: 'AppliesToInternal',
  externalKnown: 'AppliesToExternalKnown',
  externalUnknown: 'AppliesToExternalUnknown',
};

export interface OofMessageSetting {
  audience: OofAudience;
  enabled: boolean;
  reply?: { text: string; bodyType: OofBodyType };
}

export interface OofSetting {
  /** MS-ASCMD 2.2.3.124: 0 off, 1 on, 2 between startTime and endTime. */
  state: 0 | 1 | 2;
  /** MS-ASDTYPE datetime strings, e.g. "2024-07-01T08:00:00.000Z". */
  startTime?: string;
  endTime?: string;
  messages?: OofMessageSetting[];
}

/** The Settings request holding the given parts. */
export function buildSettings(parts: readonly WbxmlElement[]): WbxmlElement {
  return element('Settings:Settings', [...parts]);
}

export function buildOofGet(bodyType: OofBodyType): WbxmlElement {
  return element('Settings:Oof', element('Settings:Get', element('Settings:BodyType', bodyType)));
}

/** Oof Set in the order of MS-ASCMD 2.2.3.167: OofState, StartTime, EndTime, OofMessage. */
export function buildOofSet(setting: OofSetting): WbxmlElement {
  const children = [element('Settings:OofState', String(setting.state))];
  if (setting.startTime !== undefined) children.push(element('Settings:StartTime', setting.startTime));
  if (setting.endTime !== undefined) children.push(element('Settings:EndTime', setting.endTime));
  for (const message of setting.messages ?? []) {
    const inner = [element(`Settings:${AUDIENCE_TAGS[message.audience]}`), element('Settings:Enabled', message.enabled ? '1' : '0')];
    if (message.reply !== undefined) {
      inner.push(element('Settings:ReplyMessage', message.reply.text), element('Settings:BodyType', message.reply.bodyType));
    }
    children.push(element('Settings:OofMessage', inner));
  }
  return element('Settings:Oof', element('Settings:Set', children));
}

export function buildUserInformationGet(): WbxmlElement {
  return element('Settings:UserInformation', element('Settings:Get'));
}

/** An empty password clears the stored one (MS-ASCMD 2.2.3.132.3). */
export function buildDevicePasswordSet(password: string): WbxmlElement {
  return element('Settings:DevicePassword', element('Settings:Set', element('Settings:Password', password)));
}

export function buildRightsManagementGet(): WbxmlElement {
  return element('Settings:RightsManagementInformation', element('Settings:Get'));
}

export interface OofReply {
  state?: number;
  startTime?: string;
  endTime?: string;
  messages: { audience: OofAudience; enabled: boolean; reply?: string; bodyType?: string }[];
}

export interface UserInformationReply {
  /** SMTPAddress values, whichever form (12.x-14.0 Get/EmailAddresses, 14.1+ Accounts/Account). */
  addresses: string[];
  primary?: string;
  displayName?: string;
}

export interface SettingsPartsReply {
  status: number | undefined;
  /** Status of each part in the reply, by part name ("Oof", "UserInformation" ...). */
  parts: Record<string, number | undefined>;
  oof?: OofReply;
  userInformation?: UserInformationReply;
  /** Number of RightsManagementTemplate elements; undefined when the part carried no Get. */
  rightsManagementTemplates?: number;
}

const text = (el: WbxmlElement | undefined): string | undefined => (el === undefined ? undefined : textContent(el));

function readOof(get: WbxmlElement): OofReply {
  const state = text(firstChild(get, 'Settings:OofState'));
  const reply: OofReply = { messages: [] };
  if (state !== undefined) reply.state = Number(state);
  const start = text(firstChild(get, 'Settings:StartTime'));
  const end = text(firstChild(get, 'Settings:EndTime'));
  if (start !== undefined) reply.startTime = start;
  if (end !== undefined) reply.endTime = end;
  for (const message of childElements(get, 'Settings:OofMessage')) {
    const audience = (Object.keys(AUDIENCE_TAGS) as OofAudience[]).find((a) => firstChild(message, `Settings:${AUDIENCE_TAGS[a]}`) !== undefined);
    if (audience === undefined) continue;
    const entry: OofReply['messages'][number] = { audience, enabled: text(firstChild(message, 'Settings:Enabled')) === '1' };
    const replyText = text(firstChild(message, 'Settings:ReplyMessage'));
    const bodyType = text(firstChild(message, 'Settings:BodyType'));
    if (replyText !== undefined) entry.reply = replyText;
    if (bodyType !== undefined) entry.bodyType = bodyType;
    reply.messages.push(entry);
  }
  return reply;
}

function readUserInformation(get: WbxmlElement): UserInformationReply {
  const account = firstChild(get, 'Settings:Accounts') === undefined ? undefined
    : firstChild(firstChild(get, 'Settings:Accounts') as WbxmlElement, 'Settings:Account');
  const holder = account ?? get;
  const addresses = firstChild(holder, 'Settings:EmailAddresses');
  const reply: UserInformationReply = {
    addresses: addresses === undefined ? [] : childElements(addresses, 'Settings:SMTPAddress').map(textContent),
  };
  const primary = addresses === undefined ? undefined : text(firstChild(addresses, 'Settings:PrimarySmtpAddress'));
  const displayName = account === undefined ? undefined : text(firstChild(account, 'Settings:UserDisplayName'));
  if (primary !== undefined) reply.primary = primary;
  if (displayName !== undefined) reply.displayName = displayName;
  return reply;
}

export function readSettingsParts(root: WbxmlElement): SettingsPartsReply {
  expectRoot(root, 'Settings:Settings');
  const reply: SettingsPartsReply = { status: readCommandStatus(root), parts: {} };
  for (const part of childElements(root)) {
    if (part.tag === 'Status') continue;
    const status = text(firstChild(part, 'Settings:Status'));
    reply.parts[part.tag] = status === undefined ? undefined : Number(status);
    const get = firstChild(part, 'Settings:Get');
    if (get === undefined) continue;
    if (part.tag === 'Oof') reply.oof = readOof(get);
    if (part.tag === 'UserInformation') reply.userInformation = readUserInformation(get);
    if (part.tag === 'RightsManagementInformation') {
      const templates = firstChild(get, 'RightsManagement:RightsManagementTemplates');
      reply.rightsManagementTemplates = templates === undefined ? 0 : childElements(templates, 'RightsManagement:RightsManagementTemplate').length;
    }
  }
  return reply;
}
