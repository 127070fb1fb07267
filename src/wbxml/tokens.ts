// Global WBXML 1.3 tokens (WAP-192 section 7.1) and the document header EAS uses
// (MS-ASWBXML 2.1.2: version 1.3, public id 1 "unknown", charset UTF-8, empty string table).

export const SWITCH_PAGE = 0x00;
export const END = 0x01;
export const STR_I = 0x03;
export const OPAQUE = 0xc3;

/** Set on a tag token when the element has content and is closed by END. */
export const CONTENT_BIT = 0x40;
/** Set on a tag token when attributes follow; EAS never uses attributes. */
export const ATTRIBUTE_BIT = 0x80;
/** Tag tokens occupy the low six bits; values below this are global tokens. */
export const FIRST_TAG_TOKEN = 0x05;
export const TAG_TOKEN_MASK = 0x3f;

/** IANA MIBenum of UTF-8, the only charset EAS uses. */
export const CHARSET_UTF8 = 106;

export const EAS_HEADER: readonly number[] = [0x03, 0x01, 0x6a, 0x00];
