// Which representation answers the client's BodyPreference list (MS-ASAIRS 2.2.2.12): the first
// preference we can serve wins. RTF (Type 3) is never served; MIME (Type 4) only when the item
// has MIME. AllOrNone (2.2.2.3.2) skips a preference whose data would have to be cut and moves on
// to the next one; when every candidate was skipped that way, the first one is sent without data.
// Representations are derived lazily and measured once, so a 10 MB HTML body is only converted
// when the client actually asked for plain text.

import { Buffer } from 'node:buffer';
import type { BodyPreference, ConversionContext } from '../conversion-context.js';
import type { BodySource } from './body-source.js';
import { htmlToText, textToHtml } from './html-text.js';

export type ServedType = 1 | 2 | 4;

export interface BodyChoice {
  readonly type: ServedType;
  /** The preference that picked this type; undefined when the client sent none that applied. */
  readonly preference?: BodyPreference;
  /** AllOrNone refused every candidate: send Type, size and Truncated but no Data. */
  readonly withholdData: boolean;
}

/** Lazily derived text forms of a source, each computed at most once. */
export class BodyForms {
  private plainText?: string;
  private htmlText?: string;

  constructor(readonly source: BodySource) {}

  plain(): string {
    this.plainText ??= stripNul(
      this.source.plain !== undefined && this.source.plain.length > 0
        ? this.source.plain
        : this.source.html !== undefined ? htmlToText(this.source.html) : '',
    );
    return this.plainText;
  }

  html(): string {
    this.htmlText ??= stripNul(
      this.source.html !== undefined && this.source.html.length > 0 ? this.source.html : textToHtml(this.source.plain ?? ''),
    );
    return this.htmlText;
  }

  /** Full size in bytes of the data a type would carry (EstimatedDataSize). */
  size(type: ServedType): number {
    if (type === 4) return this.source.mime?.length ?? 0;
    return Buffer.byteLength(type === 1 ? this.plain() : this.html(), 'utf8');
  }
}

/** Picks the body type for an AirSyncBase:Body (12.0+). */
export function chooseBody(forms: BodyForms, ctx: ConversionContext): BodyChoice {
  const prefs = ctx.bodyPreferences;
  const hasMime = forms.source.mime !== undefined;
  const mimePref = prefs.find((p) => p.type === 4);
  // MS-ASCMD 2.2.3.110.3: MIMESupport 2 asks MIME for every message, 1 for S/MIME only; either
  // still needs a Type 4 preference to say how (CLIENT-QUIRKS §6.2).
  const mimeWanted = ctx.mimeSupport === 2 || forms.source.smime === true;
  if (hasMime && mimePref !== undefined && mimeWanted) return { type: 4, preference: mimePref, withholdData: false };

  let refused: BodyChoice | undefined;
  for (const preference of prefs) {
    if (preference.type === 3 || (preference.type === 4 && !hasMime)) continue;
    const type = preference.type;
    if (preference.allOrNone === true && preference.truncationSize !== undefined
        && forms.size(type) > preference.truncationSize) {
      refused ??= { type, preference, withholdData: true };
      continue;
    }
    return { type, preference, withholdData: false };
  }
  if (refused !== undefined) return refused;
  // Nothing servable was asked for (no preferences, RTF only, MIME for an item without MIME):
  // plain text is the one form every client renders, with the first preference's limits.
  const first = prefs[0];
  if (first === undefined) return { type: 1, withholdData: false };
  const fallback = { ...first, type: 1 as const };
  const withhold = fallback.allOrNone === true && fallback.truncationSize !== undefined
    && forms.size(1) > fallback.truncationSize;
  return { type: 1, preference: fallback, withholdData: withhold };
}

/** A NUL cannot travel in a WBXML inline string (it ends STR_I). */
export function stripNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}
