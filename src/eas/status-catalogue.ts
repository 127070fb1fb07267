// The status codes every EAS command may return (MS-ASCMD 2.2.2, "Common Status Codes"), as data:
// code, the spec's name, what it means in our words, and the HTTP status a client older than 14.0
// gets instead, since those versions predate the common codes and signalled the same conditions
// with HTTP errors.

export interface CommonStatus<Name extends string = string> {
  readonly code: number;
  readonly name: Name;
  readonly meaning: string;
  /** Answer for 2.5-12.1, which have no common status codes. */
  readonly legacyHttpStatus: number;
}

const c = <Name extends string>(code: number, name: Name, meaning: string, legacyHttpStatus: number): CommonStatus<Name> => ({
  code,
  name,
  meaning,
  legacyHttpStatus,
});

export const COMMON_STATUSES = [
  c(101, 'InvalidContent', 'The request body is not something the command accepts.', 400),
  c(102, 'InvalidWBXML', 'The request body is not WBXML that can be decoded.', 400),
  c(103, 'InvalidXML', 'The decoded request does not have the structure the command requires.', 400),
  c(104, 'InvalidDateTime', 'A date or time in the request is not valid.', 400),
  c(105, 'InvalidCombinationOfIDs', 'The request names ids that may not be used together.', 400),
  c(106, 'InvalidIDs', 'An id in the request is malformed.', 400),
  c(107, 'InvalidMIME', 'The MIME message in the request cannot be parsed.', 400),
  c(108, 'DeviceIdMissingOrInvalid', 'The device id is missing or not valid.', 400),
  c(109, 'DeviceTypeMissingOrInvalid', 'The device type is missing or not valid.', 400),
  c(110, 'ServerError', 'The server failed to process the request; retrying will not help soon.', 500),
  c(111, 'ServerErrorRetryLater', 'The server failed for a passing reason; the client should retry later.', 503),
  c(112, 'ActiveDirectoryAccessDenied', 'The server may not read the directory entry it needs.', 403),
  c(113, 'MailboxQuotaExceeded', 'The mailbox is full.', 507),
  c(114, 'MailboxServerOffline', 'The server holding the mailbox cannot be reached.', 503),
  c(115, 'SendQuotaExceeded', 'The user may not send more messages for now.', 507),
  c(116, 'MessageRecipientUnresolved', 'A recipient of the message could not be resolved.', 400),
  c(117, 'MessageReplyNotAllowed', 'Replying to this message is not allowed.', 400),
  c(118, 'MessagePreviouslySent', 'The message was already sent (same client id).', 400),
  c(119, 'MessageHasNoRecipient', 'The message has no recipient.', 400),
  c(120, 'MailSubmissionFailed', 'The message could not be handed over for delivery.', 500),
  c(121, 'MessageReplyFailed', 'The reply could not be built from the original message.', 500),
  c(122, 'AttachmentIsTooLarge', 'An attachment is larger than the server allows.', 400),
  c(123, 'UserHasNoMailbox', 'The user has no mailbox.', 403),
  c(124, 'UserCannotBeAnonymous', 'The request must be made by an authenticated user.', 403),
  c(125, 'UserPrincipalCouldNotBeFound', 'The user is not known to the directory.', 403),
  c(126, 'UserDisabledForSync', 'The user may not use EAS.', 403),
  c(127, 'UserOnNewMailboxCannotSync', 'The mailbox is on a server version that cannot serve this client.', 403),
  c(128, 'UserOnLegacyMailboxCannotSync', 'The mailbox is on a server version too old for this client.', 403),
  c(129, 'DeviceIsBlockedForThisUser', 'This device is blocked for this user.', 403),
  c(130, 'AccessDenied', 'The user may not perform this action.', 403),
  c(131, 'AccountDisabled', 'The account is disabled.', 403),
  c(132, 'SyncStateNotFound', 'The server lost the sync state; the client must sync from scratch.', 500),
  c(133, 'SyncStateLocked', 'The sync state is locked by another request.', 503),
  c(134, 'SyncStateCorrupt', 'The sync state is damaged; the client must sync from scratch.', 500),
  c(135, 'SyncStateAlreadyExists', 'The sync state being created already exists.', 500),
  c(136, 'SyncStateVersionInvalid', 'The sync state was written by an incompatible version.', 500),
  c(137, 'CommandNotSupported', 'The server does not support this command.', 501),
  c(138, 'VersionNotSupported', 'The command is not available in the protocol version the client uses.', 400),
  c(139, 'DeviceNotFullyProvisionable', 'The device cannot apply every policy the server requires.', 403),
  c(140, 'RemoteWipeRequested', 'The device must be wiped; it has to provision to receive the order.', 449),
  c(141, 'LegacyDeviceOnStrictPolicy', 'The device is too old for the policies in force.', 403),
  c(142, 'DeviceNotProvisioned', 'The device has no policy key; it must provision first.', 449),
  c(143, 'PolicyRefresh', 'The policies changed; the device must provision again.', 449),
  c(144, 'InvalidPolicyKey', 'The policy key the device sent is not current; it must provision again.', 449),
  c(145, 'ExternallyManagedDevicesNotAllowed', 'Devices managed outside the server are not allowed.', 403),
  c(146, 'NoRecurrenceInCalendar', 'The request needs a recurring calendar item but the item does not recur.', 400),
  c(147, 'UnexpectedItemClass', 'The item class is not the one the folder or command expects.', 400),
  c(148, 'RemoteServerHasNoSSL', 'A remote server the request needs does not offer TLS.', 403),
  c(149, 'InvalidStoredRequest', 'The stored request the client asks to replay is unusable; send it in full.', 400),
  c(150, 'ItemNotFound', 'The item named in the request does not exist.', 400),
  c(151, 'TooManyFolders', 'The mailbox has more folders than the server will list.', 400),
  c(152, 'NoFoldersFound', 'The server found no folders for the mailbox.', 500),
  c(153, 'ItemsLostAfterMove', 'Items were lost when moving them.', 500),
  c(154, 'FailureInMoveOperation', 'The move could not be completed.', 500),
  c(155, 'MoveCommandDisallowedForNonPersistentMoveAction', 'A non-persistent move must use MoveItems instead.', 400),
  c(156, 'MoveCommandInvalidDestinationFolder', 'The destination folder of the move is not valid.', 400),
  c(160, 'AvailabilityTooManyRecipients', 'Free/busy was asked for too many recipients.', 400),
  c(161, 'AvailabilityDLLimitReached', 'Free/busy was asked for a distribution list that is too large.', 400),
  c(162, 'AvailabilityTransientFailure', 'Free/busy lookup failed for a passing reason.', 503),
  c(163, 'AvailabilityFailure', 'Free/busy lookup failed.', 500),
  c(164, 'BodyPartPreferenceTypeNotSupported', 'The body part preference asks for a type the server cannot give.', 400),
  c(165, 'DeviceInformationRequired', 'Provision needs the DeviceInformation settings first (16.1).', 400),
  c(166, 'InvalidAccountId', 'The account id in the request is not valid.', 400),
  c(167, 'AccountSendDisabled', 'Sending from this account is disabled.', 403),
  c(168, 'IRM_FeatureDisabled', 'Rights management is disabled on the server.', 403),
  c(169, 'IRM_TransientError', 'Rights management failed for a passing reason.', 503),
  c(170, 'IRM_PermanentError', 'Rights management failed.', 500),
  c(171, 'IRM_InvalidTemplateID', 'The rights management template does not exist.', 400),
  c(172, 'IRM_OperationNotPermitted', 'Rights management forbids this operation.', 403),
  c(173, 'NoPicture', 'The contact has no picture.', 400),
  c(174, 'PictureTooLarge', 'The picture is larger than the client allows.', 400),
  c(175, 'PictureLimitReached', 'The request asked for more pictures than allowed.', 400),
  c(176, 'BodyPart_ConversationTooLarge', 'The conversation is too large for a body part answer.', 400),
  c(177, 'MaximumDevicesReached', 'The user has as many devices as allowed.', 403),
] as const;

export type CommonStatusName = (typeof COMMON_STATUSES)[number]['name'];
