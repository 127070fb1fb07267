// The direct reader: MailContent (parse-mime.ts) for the common shapes of mail, read in one
// synchronous pass instead of through mailparser's stream pipeline, which costs about 0.5 ms per
// message however small (BENCHMARKS.md "Initial sync": 45 % of a Sync's CPU). It gives exactly
// what mailparser gives (the differential tests hold it to that): the same structure
// (mime-tree.ts), header fields (mime-header-block.ts, mime-envelope.ts), bodies and sizes
// (mime-body.ts), text and HTML assembled by mailparser's rules, attachments in the same order,
// so a FileReference's part index names the same part whichever reader listed it. Messages it
// does not take on (embedded messages, iTIP invitations, S/MIME, malformed structure...) read as
// undefined, and the caller asks mailparser.

import { Buffer } from 'node:buffer';
import libmime from 'libmime';
import { mapValue } from './mime-header-block.js';
import { decodedSize, partText, transferDecode } from './mime-body.js';
import { readEnvelope } from './mime-envelope.js';
import { readMimeTree, type MimeEntity } from './mime-tree.js';
import { mayCarryInvitation } from './meeting-invitation.js';
import { attachmentListing, type AttachmentFacts, type MailContent } from './mail-content.js';

/** Types mailparser reads as body text when inline (message/delivery-status never gets here). */
const TEXT_TYPES = new Set(['text/plain', 'text/html']);
const SMIME_TYPES = new Set(['application/pkcs7-mime', 'application/x-pkcs7-mime']);

interface Attachment {
  readonly entity: MimeEntity;
  readonly facts: AttachmentFacts;
}

interface DirectRead {
  readonly content: MailContent;
  readonly attachments: readonly Attachment[];
}

/** The Email-class facts of a message, or undefined when mailparser has to read it. */
export function readDirectMailContent(mime: Uint8Array): MailContent | undefined {
  return readDirect(mime)?.content;
}

/**
 * Attachment `partIndex` of a message: `{ found }` with its bytes (undefined when there is no
 * such part), or undefined when mailparser has to read the message.
 */
export function extractDirectAttachment(
  mime: Uint8Array,
  partIndex: number,
): { found: { contentType: string; fileName: string; bytes: Uint8Array } | undefined } | undefined {
  const read = readDirect(mime);
  if (read === undefined) return undefined;
  const attachment = read.attachments[partIndex];
  const info = read.content.attachments[partIndex];
  if (attachment === undefined || info === undefined) return { found: undefined };
  const bytes = transferDecode(bodyOf(mime, attachment.entity), attachment.entity.fields.encoding);
  if (bytes === undefined) return undefined;
  return { found: { contentType: info.contentType, fileName: info.displayName, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) } };
}

function readDirect(mime: Uint8Array): DirectRead | undefined {
  const root = readMimeTree(mime);
  const envelope = root === undefined ? undefined : readEnvelope(root.lines);
  if (root === undefined || envelope === undefined || SMIME_TYPES.has(root.fields.contentType)) return undefined;
  const leaves = leavesOf(root);
  const inlineText = leaves.filter((leaf) => !isAttachment(leaf));
  const hasText = inlineText.some((leaf) => leaf.fields.contentType === 'text/plain');
  const hasHtml = inlineText.some((leaf) => leaf.fields.contentType === 'text/html');
  const texts = new Map<MimeEntity, string>();
  for (const leaf of inlineText) {
    const text = partText(bodyOf(mime, leaf), leaf.fields);
    if (text === undefined) return undefined;
    texts.set(leaf, text);
  }
  const attachments: Attachment[] = [];
  for (const leaf of leaves) {
    if (!isAttachment(leaf)) continue;
    const facts = attachmentFacts(mime, leaf);
    if (facts === undefined) return undefined;
    attachments.push({ entity: leaf, facts });
  }
  const { text, html } = assembleText(root, texts, hasText, hasHtml);
  return {
    content: {
      ...envelope,
      ...(text !== undefined ? { text } : {}),
      ...(html !== undefined ? { html } : {}),
      attachments: attachments.map((a, index) => attachmentListing(a.facts, index)),
    },
    attachments,
  };
}

function leavesOf(entity: MimeEntity): MimeEntity[] {
  return entity.fields.contentType.startsWith('multipart/') ? entity.children.flatMap(leavesOf) : [entity];
}

/** mailparser: text/plain and text/html are body text unless disposed as attachments. */
function isAttachment(leaf: MimeEntity): boolean {
  const { contentType, disposition } = leaf.fields;
  if (!TEXT_TYPES.has(contentType)) return true;
  return disposition !== '' && disposition !== 'inline';
}

function bodyOf(mime: Uint8Array, entity: MimeEntity): Buffer {
  return Buffer.from(mime.buffer, mime.byteOffset + entity.bodyStart, entity.bodyEnd - entity.bodyStart);
}

function attachmentFacts(mime: Uint8Array, leaf: MimeEntity): AttachmentFacts | undefined {
  const { fields } = leaf;
  const contentType = fields.contentType === 'application/octet-stream' && fields.filename !== ''
    ? libmime.detectMimeType(fields.filename) || 'application/octet-stream'
    : fields.contentType;
  if (mayCarryInvitation(contentType, fields.filename)) return undefined;
  const size = decodedSize(bodyOf(mime, leaf), fields.encoding);
  if (size === undefined) return undefined;
  const contentId = leaf.lines.filter((l) => l.key === 'content-id').map(mapValue).find((v) => v !== '');
  const locations = leaf.lines.filter((l) => l.key === 'content-location').map(mapValue).filter((v) => v !== '');
  const cid = contentId?.trim().replace(/^<|>$/g, '').trim();
  return {
    contentType,
    ...(fields.filename !== '' ? { filename: fields.filename } : {}),
    size,
    ...(cid !== undefined ? { contentId: cid } : {}),
    ...(locations.length === 1 ? { contentLocation: locations[0] as string } : {}),
    related: cid !== undefined && insideRelated(leaf),
    ...(fields.disposition !== '' ? { disposition: fields.disposition } : {}),
  };
}

function insideRelated(leaf: MimeEntity): boolean {
  for (let at = leaf.parent; at !== undefined; at = at.parent) if (at.fields.contentType === 'multipart/related') return true;
  return false;
}

/**
 * mailparser's getTextContent with HTML-to-text and text-to-HTML off: plain parts are the text,
 * HTML parts the HTML; outside an alternative each kind leaves an empty stand-in in the other's
 * list when the message has both kinds, and an HTML-only message gets an empty text. The parts
 * of each list are joined as mailparser joins them.
 */
function assembleText(root: MimeEntity, texts: ReadonlyMap<MimeEntity, string>, hasText: boolean, hasHtml: boolean): { text?: string; html?: string } {
  const text: string[] = [];
  const html: string[] = [];
  const visit = (entity: MimeEntity, inAlternative: boolean): void => {
    const content = texts.get(entity);
    if (content !== undefined && content !== '') {
      if (entity.fields.contentType === 'text/plain') {
        text.push(content);
        if (!inAlternative && hasHtml) html.push('');
      } else {
        if ((!inAlternative && hasText) || (entity === root && !hasText)) text.push('');
        html.push(content);
      }
    }
    const alternative = inAlternative || entity.fields.contentType === 'multipart/alternative';
    for (const child of entity.children) visit(child, alternative);
  };
  visit(root, false);
  return {
    ...(text.length > 0 ? { text: text.join('\n') } : {}),
    ...(html.length > 0 ? { html: html.join('<br/>\n') } : {}),
  };
}
