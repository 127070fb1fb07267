// A client that got a truncated body and sends it back in a Change has not edited it: storing it
// would cut the stored text to the truncation size (MS-ASAIRS 2.2.2.39.1: the full body cannot be
// retrieved after truncation, so the client never had more). We rebuild exactly what we sent
// under the same request context and compare.

import { element, firstChild, textContent } from '../../eas/wbxml-body.js';
import { encodeBody, type LegacyBodyNamespace } from '../body/index.js';
import type { ConversionContext } from '../conversion-context.js';

/** Whether `text` is the truncated form of `stored` that `ctx` makes us send. */
export function isTruncatedEcho(
  text: string,
  stored: string,
  ctx: ConversionContext,
  legacyNamespace?: LegacyBodyNamespace,
): boolean {
  if (stored.length === 0 || text.length >= stored.length) return false;
  const wrapper = element('AirSync:ApplicationData', encodeBody({ plain: stored }, ctx, legacyNamespace));
  const body = firstChild(wrapper, 'AirSyncBase:Body');
  const flag = body === undefined
    ? legacyNamespace === undefined ? undefined : firstChild(wrapper, `${legacyNamespace}:BodyTruncated`)
    : firstChild(body, 'AirSyncBase:Truncated');
  const data = body === undefined
    ? legacyNamespace === undefined ? undefined : firstChild(wrapper, `${legacyNamespace}:Body`)
    : firstChild(body, 'AirSyncBase:Data');
  return flag !== undefined && textContent(flag) === '1' && data !== undefined && textContent(data) === text;
}
