// Reading the body a client sends in a Sync Add/Change: AirSyncBase:Body with Type and Data
// (MS-ASAIRS 2.2.2.9; Data may arrive as a string or as opaque bytes), or on 2.5 the class's own
// Body element. A Body without Data says nothing about the content (a client echoing a truncated
// body), so it reads as "no body sent" and the stored body is kept.

import { firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { BodyType } from '../conversion-context.js';
import type { LegacyBodyNamespace } from './body-source.js';

export interface ClientBody {
  /** 1 plain text, 2 HTML, 3 RTF (base64 as sent), 4 MIME. */
  readonly type: BodyType;
  readonly data: string;
}

/** The body carried by `appData`, or undefined when it carries none. */
export function readBody(appData: WbxmlElement, legacyNamespace?: LegacyBodyNamespace): ClientBody | undefined {
  const body = firstChild(appData, 'AirSyncBase:Body');
  if (body !== undefined) {
    const data = firstChild(body, 'AirSyncBase:Data');
    if (data === undefined) return undefined;
    const typeEl = firstChild(body, 'AirSyncBase:Type');
    const parsed = typeEl === undefined ? 1 : Number(textContent(typeEl).trim());
    const type: BodyType = parsed === 2 || parsed === 3 || parsed === 4 ? parsed : 1;
    return { type, data: textContent(data) };
  }
  if (legacyNamespace === undefined) return undefined;
  const legacy = firstChild(appData, `${legacyNamespace}:Body`);
  return legacy === undefined ? undefined : { type: 1, data: textContent(legacy) };
}
