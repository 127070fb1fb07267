// Search statuses (MS-ASCMD 2.2.3.177.13): the Search element's own (the request as a whole) and
// the Store element's (the query against one store), and the error that carries a Store status
// out of request reading and scope resolution.

/** Status of the Search element: only success or a server error. */
export const SearchStatus = {
  Success: 1,
  ServerError: 3,
} as const;

/** Status of the Store element. 9 is not defined. */
export const StoreStatus = {
  Success: 1,
  InvalidRequest: 2,
  ServerError: 3,
  BadLink: 4,
  AccessDenied: 5,
  NotFound: 6,
  ConnectionFailed: 7,
  TooComplex: 8,
  TimedOut: 10,
  FolderSyncRequired: 11,
  EndOfRetrievableRange: 12,
  AccessBlocked: 13,
  CredentialsRequired: 14,
} as const;

export type StoreStatusCode = (typeof StoreStatus)[keyof typeof StoreStatus];

/** A store query the server will not run, answered with its Store status. */
export class SearchStoreError extends Error {
  override readonly name = 'SearchStoreError';

  constructor(
    readonly status: StoreStatusCode,
    message: string,
  ) {
    super(message);
  }
}
