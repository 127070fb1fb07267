// Settings UserInformation Get (MS-ASCMD 2.2.3.192): the user's e-mail addresses, read-only. Up
// to 14.0 the reply is Get/EmailAddresses/SMTPAddress; from 14.1 the addresses sit in
// Get/Accounts/Account with the display name and PrimarySmtpAddress (2.2.3.57, 2.2.3.2).
import { versionAtLeast } from '../../eas/protocol-version.js';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { element } from '../../eas/wbxml-body.js';
import type { SettingsPartContext } from './settings-part.js';
import { protocolError, requireEmpty, singleChildren } from './settings-status.js';

export interface UserIdentity {
  readonly address: string;
  readonly displayName?: string;
}

/** The reply's Get element for this identity in this version's form. */
export function userInformationGet(identity: UserIdentity, accountsForm: boolean): WbxmlElement {
  const smtp = element('Settings:SMTPAddress', identity.address);
  if (!accountsForm) return element('Settings:Get', element('Settings:EmailAddresses', smtp));
  // MS-ASCMD 2.2.3.2 child order: AccountId, AccountName, UserDisplayName, SendDisabled,
  // EmailAddresses. The primary account has no AccountId (2.2.3.3.2) and may send.
  const account: WbxmlElement[] = [];
  if (identity.displayName !== undefined) account.push(element('Settings:UserDisplayName', identity.displayName));
  // 2.2.3.57 lists SMTPAddress (1..N, required) before PrimarySmtpAddress (0..1).
  account.push(element('Settings:EmailAddresses', [smtp, element('Settings:PrimarySmtpAddress', identity.address)]));
  return element('Settings:Get', element('Settings:Accounts', element('Settings:Account', account)));
}

export async function getUserInformation(part: WbxmlElement, pc: SettingsPartContext): Promise<WbxmlElement[]> {
  const get = singleChildren(part, ['Settings:Get']).get('Settings:Get');
  if (get === undefined) throw protocolError('UserInformation needs a Get');
  requireEmpty(get);
  const { user, protocolVersion } = pc.ctx;
  const identity: UserIdentity = {
    address: user.email ?? user.username,
    ...(user.displayName === undefined ? {} : { displayName: user.displayName }),
  };
  return [userInformationGet(identity, versionAtLeast(protocolVersion, '14.1'))];
}
