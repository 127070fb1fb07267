// Builds the body elements of any content class for the client's protocol version: one
// AirSyncBase:Body (MS-ASAIRS 2.2.2.9) for 12.0+, or the 2.5 elements of the class's own
// namespace (Body, BodySize, BodyTruncated; MIMEData, MIMESize, MIMETruncated for mail). Text
// goes out as an inline string, MIME as opaque data (CLIENT-QUIRKS §6.2).

import { versionAtLeast } from '../../eas/protocol-version.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { ConversionContext } from '../conversion-context.js';
import { BodyForms, chooseBody } from './body-selection.js';
import type { BodySource, LegacyBodyNamespace } from './body-source.js';
import { buildPreview } from './preview.js';
import { truncateChars, truncateMime, truncateUtf8 } from './truncate.js';

/**
 * The body elements for `source`: `[AirSyncBase:Body]` on 12.0+, the 2.5 elements of
 * `legacyNamespace` on 2.5 (empty when the class has no body to send).
 */
export function encodeBody(
  source: BodySource,
  ctx: ConversionContext,
  legacyNamespace: LegacyBodyNamespace = 'Email',
): WbxmlElement[] {
  const forms = new BodyForms(source);
  if (!versionAtLeast(ctx.protocolVersion, '12.0')) return encodeLegacyBody(forms, ctx, legacyNamespace);
  return [encodeAirSyncBaseBody(forms, ctx)];
}

function encodeAirSyncBaseBody(forms: BodyForms, ctx: ConversionContext): WbxmlElement {
  const choice = chooseBody(forms, ctx);
  const limit = choice.preference?.truncationSize;
  let data: string | Uint8Array;
  let truncated: boolean;
  let fullBytes: number;
  if (choice.type === 4) {
    const cut = truncateMime(forms.source.mime ?? new Uint8Array(0), limit);
    ({ bytes: data, truncated, fullBytes } = cut);
  } else {
    const cut = truncateUtf8(choice.type === 1 ? forms.plain() : forms.html(), limit);
    ({ text: data, truncated, fullBytes } = cut);
  }
  if (choice.withholdData) truncated = true;
  // MS-ASAIRS 2.2.2.9 sequence: Type, EstimatedDataSize, Truncated, Data, Preview.
  const children: WbxmlElement[] = [
    element('AirSyncBase:Type', String(choice.type)),
    element('AirSyncBase:EstimatedDataSize', String(fullBytes)),
    element('AirSyncBase:Truncated', truncated ? '1' : '0'),
  ];
  if (!choice.withholdData) children.push(element('AirSyncBase:Data', isEmpty(data) ? [] : data));
  const previewChars = choice.preference?.preview ?? 0;
  if (previewChars > 0 && versionAtLeast(ctx.protocolVersion, '14.0')) {
    const preview = buildPreview(forms.plain(), previewChars);
    children.push(element('AirSyncBase:Preview', preview.length > 0 ? preview : []));
  }
  return element('AirSyncBase:Body', children);
}

/** AirSync:Truncation codes to characters (MS-ASCMD 2.2.3.185); 9 and absent mean no limit. */
const LEGACY_TRUNCATION_CHARS = [0, 512, 1024, 2048, 5120, 10240, 20480, 51200, 102400] as const;

/** AirSync:MIMETruncation codes to bytes (MS-ASCMD 2.2.3.111); 8 and absent mean no limit. */
const LEGACY_MIME_TRUNCATION = [0, 4096, 5120, 7168, 10240, 20480, 51200, 102400] as const;

export function legacyTruncationChars(code: number | undefined): number | undefined {
  return code === undefined ? undefined : LEGACY_TRUNCATION_CHARS[code];
}

export function legacyMimeTruncationBytes(code: number | undefined): number | undefined {
  return code === undefined ? undefined : LEGACY_MIME_TRUNCATION[code];
}

function encodeLegacyBody(forms: BodyForms, ctx: ConversionContext, ns: LegacyBodyNamespace): WbxmlElement[] {
  const { mime, smime } = forms.source;
  const mimeWanted = ctx.mimeSupport === 2 || (ctx.mimeSupport === 1 && smime === true);
  if (ns === 'Email' && mime !== undefined && mimeWanted) {
    // MS-ASEMAIL 2.2.2.50-2.2.2.52: the message itself instead of Body when MIMESupport asks.
    const cut = truncateMime(mime, legacyMimeTruncationBytes(ctx.legacyMimeTruncation));
    const out = [
      element('Email:MIMETruncated', cut.truncated ? '1' : '0'),
      element('Email:MIMESize', String(cut.fullBytes)),
    ];
    if (cut.bytes.length > 0) out.push(element('Email:MIMEData', cut.bytes));
    return out;
  }
  const cut = truncateChars(forms.plain(), legacyTruncationChars(ctx.legacyTruncation));
  const out = [element(`${ns}:BodyTruncated`, cut.truncated ? '1' : '0')];
  // BodySize is present only when the body was cut (MS-ASEMAIL 2.2.2.12); Calendar has none.
  if (cut.truncated && ns !== 'Calendar') out.push(element(`${ns}:BodySize`, String(cut.fullChars)));
  if (cut.text.length > 0) out.push(element(`${ns}:Body`, cut.text));
  return out;
}

function isEmpty(data: string | Uint8Array): boolean {
  return data.length === 0;
}
