// Public face of the Email ⇄ MIME converter.

export { encodeEmailApplicationData, encodeParsedEmail, messageClassOf, type EmailEncodeOptions } from './encode-email.js';
export { decodeEmailChange } from './decode-email-change.js';
export { decodeDraftApplicationData, type DraftOptions, type DraftResult } from './draft.js';
export {
  encodeAttachments, extractAttachment, fileReferenceOf, parseFileReference, type ExtractedAttachment,
} from './attachments.js';
export {
  mailContentOf, parseMime, readMailContent, type MailAddress, type MailAttachmentInfo, type MailContent, type SmimeKind,
} from './parse-mime.js';
export { conversationIdOf, conversationIndexOf, threadTopicOf } from './conversation.js';
export { decodeFlag, encodeFlag, DEFAULT_FLAG_TYPE } from './flag.js';
export { displayNames, formatAddress, formatAddressList, parseRecipients } from './addresses.js';
