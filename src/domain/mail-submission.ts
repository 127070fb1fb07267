// MailSubmitter port: hands a finished RFC 5322 message to delivery, as SendMail, SmartReply,
// SmartForward and MeetingResponse need it. Recipients with a local mailbox get it in their Inbox
// (through the same store ports a device syncs from, so their Pings wake); the rest go to the SMTP
// relay from configuration. Saving to the sender's Sent Items is the command's business, not this.

/** Envelope and content of one outgoing message. */
export interface OutgoingMessage {
  /** The authenticated sender's address (envelope MAIL FROM); never taken from the client's headers. */
  readonly sender: string;
  /** Envelope recipients (To, Cc and Bcc together), already de-duplicated and lower-cased. */
  readonly recipients: readonly string[];
  /** The message as it goes out: Bcc removed, Date and Message-ID present. */
  readonly mime: Uint8Array;
}

export interface SubmissionReceipt {
  /** Recipients whose Inbox received the message. */
  readonly delivered: readonly string[];
  /** Recipients accepted by the relay. */
  readonly relayed: readonly string[];
}

export type SubmissionErrorCode =
  /** A recipient is not local and no relay is configured (SendMail Status 120 with a log line saying why). */
  | 'no-relay'
  /** The relay refused one or more recipients (Status 116 MessageRecipientUnresolved). */
  | 'recipient-refused'
  /** The relay could not be reached or failed mid-transaction (Status 120; a retry may help). */
  | 'relay-unavailable'
  /** The message has no recipient at all (Status 119). */
  | 'no-recipient'
  /** More recipients than mail.maxRecipients (Status 120 with the reason logged). */
  | 'too-many-recipients';

export class SubmissionError extends Error {
  readonly code: SubmissionErrorCode;
  /** The recipients the error is about, when it concerns some of them. */
  readonly recipients: readonly string[];

  constructor(code: SubmissionErrorCode, message: string, recipients: readonly string[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SubmissionError';
    this.code = code;
    this.recipients = recipients;
  }
}

export interface MailSubmitter {
  /**
   * Delivers to local recipients and relays the rest. All or nothing where it can be: local
   * recipients are delivered only after the relay accepted the remote ones, so a refused
   * recipient does not leave a half-sent message behind.
   */
  submit(message: OutgoingMessage): Promise<SubmissionReceipt>;
}

/** Which addresses have a mailbox here: the embedded accounts, later an LDAP directory. */
export interface AccountDirectory {
  /** The canonical user name whose mailbox receives mail for `address`, or undefined. */
  localUserFor(address: string): Promise<string | undefined>;
}
