// The MailSubmitter of a Pushbridge deployment: recipients with a local account get the message
// appended to their Inbox; everyone else goes through the SMTP relay from configuration. The
// relay is asked first and local delivery follows only once it accepted every remote recipient,
// so a refusal leaves no half-sent message behind (MailSubmitter's contract). Without a relay a
// remote recipient fails the whole message rather than being dropped silently.

import { hostname } from 'node:os';
import type { AccountDirectory, MailSubmitter, OutgoingMessage, SubmissionReceipt } from '../../domain/mail-submission.js';
import { SubmissionError } from '../../domain/mail-submission.js';
import { deliverToInbox, withoutBcc, withReceivedHeader, type DeliveryPorts } from './local-delivery.js';
import { relayMessage, type RelayOptions } from './smtp-relay.js';

export interface SmtpMailSubmitterOptions {
  readonly directory: AccountDirectory;
  readonly stores: DeliveryPorts;
  /** Absent: only local recipients can be reached. */
  readonly relay?: RelayOptions;
  /** mail.maxRecipients: a bound on one message's fan-out (a device should not become a bulk mailer). */
  readonly maxRecipients: number;
  /** Host name for Received: lines and EHLO; the machine's name by default. */
  readonly hostname?: string;
  readonly clock?: () => number;
}

// RFC 5321 4.1.2 Mailbox, loosely: one "@", no white space, no angle brackets, no control bytes.
const ENVELOPE_ADDRESS = /^[^\s<>@]+@[^\s<>@]+$/;

function isEnvelopeAddress(address: string): boolean {
  return ENVELOPE_ADDRESS.test(address) && ![...address].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

interface Routing {
  /** Canonical local user name → the address the message was sent to. */
  readonly local: ReadonlyMap<string, string>;
  readonly remote: readonly string[];
}

export class SmtpMailSubmitter implements MailSubmitter {
  private readonly host: string;
  private readonly clock: () => number;

  constructor(private readonly options: SmtpMailSubmitterOptions) {
    this.host = options.hostname ?? hostname();
    this.clock = options.clock ?? Date.now;
  }

  async submit(message: OutgoingMessage): Promise<SubmissionReceipt> {
    const recipients = this.checkRecipients(message);
    const routing = await this.route(recipients);
    const mime = withoutBcc(message.mime);
    const relayed = routing.remote.length === 0 ? [] : await this.relay(message.sender, routing.remote, mime);
    const receivedAt = new Date(this.clock());
    const delivered: string[] = [];
    for (const [user, address] of routing.local) {
      const stamped = withReceivedHeader(mime, { by: this.host, recipient: address, at: receivedAt });
      await deliverToInbox(this.options.stores, user, stamped, receivedAt);
      delivered.push(address);
    }
    return { delivered, relayed };
  }

  private checkRecipients(message: OutgoingMessage): string[] {
    const recipients = [...new Set(message.recipients.map((address) => address.trim().toLowerCase()))];
    if (recipients.length === 0) throw new SubmissionError('no-recipient', 'the message has no recipient');
    if (recipients.length > this.options.maxRecipients) {
      throw new SubmissionError('too-many-recipients', `${recipients.length} recipients; at most ${this.options.maxRecipients} are allowed`);
    }
    const invalid = recipients.filter((address) => !isEnvelopeAddress(address));
    if (invalid.length > 0) throw new SubmissionError('recipient-refused', `not a deliverable address: ${invalid.join(', ')}`, invalid);
    if (!isEnvelopeAddress(message.sender)) throw new Error(`sender ${JSON.stringify(message.sender)} is not an address`);
    return recipients;
  }

  private async route(recipients: readonly string[]): Promise<Routing> {
    const local = new Map<string, string>();
    const remote: string[] = [];
    for (const address of recipients) {
      const user = await this.options.directory.localUserFor(address);
      // Two addresses of one mailbox (aliases) deliver one copy.
      if (user === undefined) remote.push(address);
      else if (!local.has(user)) local.set(user, address);
    }
    return { local, remote };
  }

  private async relay(sender: string, remote: readonly string[], mime: Uint8Array): Promise<string[]> {
    const relay = this.options.relay;
    if (relay === undefined) {
      throw new SubmissionError('no-relay', `no mail relay is configured (mail.relay) for ${remote.join(', ')}`, remote);
    }
    return relayMessage({ clientName: this.host, ...relay }, { from: sender, to: remote }, mime);
  }
}
