// Settings RightsManagementInformation Get (MS-ASCMD 2.2.3.156, 14.1+): the IRM templates the
// user may apply. Pushbridge has no rights-management service, so the list is empty (MS-ASRM
// RightsManagementTemplates holds 0..N templates); Outlook asks for it and must get a valid answer.
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { element } from '../../eas/wbxml-body.js';
import { protocolError, requireEmpty, singleChildren } from './settings-status.js';

export async function getRightsManagementInformation(part: WbxmlElement): Promise<WbxmlElement[]> {
  // 2.2.3.156: "If the RightsManagementInformation element is specified in the request, it MUST include the Get child element."
  const get = singleChildren(part, ['Settings:Get']).get('Settings:Get');
  if (get === undefined) throw protocolError('RightsManagementInformation needs a Get');
  requireEmpty(get);
  return [element('Settings:Get', element('RightsManagement:RightsManagementTemplates'))];
}
