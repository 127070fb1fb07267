// Why a contact could not be converted. A client value we cannot accept (a photo over the spec's
// limit, a date that is not a date) is the client's error: the sync engine answers that item with
// Sync Status 6 ("error in client/server conversion", MS-ASCMD 2.2.3.177.17), which MS-ASCNTC
// 2.2.2.58 names for an oversized Picture. A stored vCard we cannot read is ours to log.

export type ContactConversionErrorCode = 'picture-too-large' | 'malformed-value' | 'malformed-vcard';

export class ContactConversionError extends Error {
  override readonly name = 'ContactConversionError';
  readonly code: ContactConversionErrorCode;
  /** The Sync Status the engine answers a client Add or Change with. */
  readonly syncStatus = 6;

  constructor(code: ContactConversionErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
