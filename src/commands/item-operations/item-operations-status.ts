// ItemOperations Status values (MS-ASCMD 2.2.3.177.8) for the command, each Fetch and
// EmptyFolderContents, and the conversation Move statuses of MS-ASCON 2.2.2.10.

export const ItemOperationsStatus = {
  Success: 1,
  /** The XML is not valid: a missing or conflicting element, a value out of range. */
  ProtocolError: 2,
  ServerError: 3,
  /** The object was not found or access was denied (also a conversation Move's "Not Found"). */
  NotFound: 6,
  /** The byte range is invalid or too large. */
  InvalidRange: 8,
  /** The store is unknown or does not support the operation (document libraries here). */
  StoreUnsupported: 9,
  /** The mailbox item failed conversion. */
  ConversionFailed: 14,
  /** The attachment or attachment id is invalid. */
  InvalidAttachment: 15,
  /** A conversation Move into the Recipient Information Cache (MS-ASCON 2.2.2.10). */
  InvalidCombinationOfIds: 105,
  /** The folder's class does not allow the action (EmptyFolderContents or a Move outside mail). */
  ActionNotSupported: 156,
} as const;
export type ItemOperationsStatus = (typeof ItemOperationsStatus)[keyof typeof ItemOperationsStatus];
