// Ping statuses (MS-ASCMD 2.2.3.177.11) and the response body (schema 6.30: Status, then Folders,
// MaxFolders and HeartbeatInterval, each only with the status that carries it). A Ping is always
// answered with a WBXML body: AOSP treats an empty Ping reply as an error (CLIENT-QUIRKS §6.5).

import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { CommandResults, type CommandResult } from '../registry.js';

export const PingStatus = {
  /** The heartbeat ran out with no change (also the answer of a Ping a newer request ended). */
  Expired: 1,
  /** The reply names the changed folders. */
  Changes: 2,
  /** Empty or partial request with nothing cached to complete it: send the full request. */
  MissingParameters: 3,
  ProtocolError: 4,
  /** The reply carries the allowed HeartbeatInterval bound. */
  HeartbeatOutOfRange: 5,
  /** The reply carries MaxFolders. */
  TooManyFolders: 6,
  /** The device must FolderSync. */
  FolderSyncRequired: 7,
  ServerError: 8,
} as const;
export type PingStatus = (typeof PingStatus)[keyof typeof PingStatus];

export interface PingReplyExtras {
  /** Collection ServerIds, with Status 2. */
  readonly folders?: readonly string[];
  /** With Status 6. */
  readonly maxFolders?: number;
  /** With Status 5: the bound the request crossed. */
  readonly heartbeatInterval?: number;
}

export function pingReplyBody(status: PingStatus, extras: PingReplyExtras = {}): WbxmlElement {
  const children: WbxmlElement[] = [element('Ping:Status', String(status))];
  if (extras.folders !== undefined && extras.folders.length > 0) {
    children.push(element('Ping:Folders', extras.folders.map((id) => element('Ping:Folder', id))));
  }
  if (extras.maxFolders !== undefined) children.push(element('Ping:MaxFolders', String(extras.maxFolders)));
  if (extras.heartbeatInterval !== undefined) children.push(element('Ping:HeartbeatInterval', String(extras.heartbeatInterval)));
  return element('Ping:Ping', children);
}

export function pingReply(status: PingStatus, extras?: PingReplyExtras): CommandResult {
  return CommandResults.wbxml(pingReplyBody(status, extras));
}
