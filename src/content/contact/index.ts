// Public face of the contact converter: Contacts/Contacts2 ApplicationData ⇄ vCard.

export { decodeContactApplicationData, encodeContactApplicationData } from './contact-converter.js';
export { ContactConversionError, type ContactConversionErrorCode } from './contact-errors.js';
export { PICTURE_MAX_BASE64_CHARS } from './contact-photo.js';
