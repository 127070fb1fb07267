// Converting an Out of Office reply between the two formats MS-ASCMD 2.2.3.17 allows: an Oof Get
// names the BodyType it wants and "all message strings are sent" in that format, whatever format
// the message was set in. Deliberately small: OOF replies are short notes, not documents.
import type { OofBodyType } from './oof-model.js';

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
};

/** Plain text as an HTML fragment: escaped, line breaks kept as <br>. */
export function textToHtml(text: string): string {
  return text
    .replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c)
    .replace(/\r\n|\r|\n/g, '<br>\n');
}

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const hex = body[1] === 'x' || body[1] === 'X';
    const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/** An HTML reply as plain text: invisible parts dropped, block ends as line breaks, tags removed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(head|style|script)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => decodeEntity(entity, body))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `reply`, written as `from`, in the format `to`. */
export function convertReply(reply: string, from: OofBodyType, to: OofBodyType): string {
  if (from === to) return reply;
  return to === 'HTML' ? textToHtml(reply) : htmlToText(reply);
}
