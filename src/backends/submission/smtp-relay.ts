// Hands one message to the configured SMTP relay with nodemailer's SMTP client, all or nothing:
// nodemailer goes on to DATA as soon as one recipient was accepted, so the message body is a
// stream that is only read once the relay has answered every RCPT TO. If any recipient was
// refused by then, the stream fails instead of yielding the message and the connection is
// dropped before the final ".", which makes the relay discard the transaction (RFC 5321 4.1.1.4):
// nobody gets a message the sender will be told was not sent.

import { Buffer } from 'node:buffer';
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { SubmissionError } from '../../domain/mail-submission.js';

export interface RelayOptions {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the relay offers it. */
  readonly secure: boolean;
  readonly user?: string;
  readonly password?: string;
  /** Name given in EHLO. */
  readonly clientName?: string;
  /** Per-phase timeout (connect, greeting, idle socket); a device waits on the answer. */
  readonly timeoutMs?: number;
}

export interface RelayEnvelope {
  readonly from: string;
  readonly to: readonly string[];
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The envelope object nodemailer fills with accepted/rejected recipients while it talks to the relay. */
interface TrackedEnvelope {
  from: string;
  to: string[];
  size: number;
  use8BitMime: boolean;
  rejected?: unknown;
  rejectedErrors?: unknown;
}

type Callback<T> = (error: Error | null | undefined, value?: T) => void;

class RefusedBeforeData extends Error {
  constructor() {
    super('a recipient was refused; the message was withheld');
  }
}

function hasEightBit(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte > 0x7f);
}

function refusedRecipients(envelope: TrackedEnvelope): string[] {
  return Array.isArray(envelope.rejected) ? envelope.rejected.map(String) : [];
}

/** Whether every refusal the relay gave was temporary (4yz): a retry may get through. */
function onlyTemporaryRefusals(errors: unknown): boolean {
  if (!Array.isArray(errors) || errors.length === 0) return false;
  return errors.every((error: { responseCode?: unknown }) => typeof error.responseCode === 'number' && error.responseCode < 500);
}

function guardedMessage(envelope: TrackedEnvelope, mime: Uint8Array): Readable {
  return new Readable({
    read() {
      if (refusedRecipients(envelope).length > 0) {
        this.destroy(new RefusedBeforeData());
        return;
      }
      this.push(Buffer.from(mime.buffer, mime.byteOffset, mime.length));
      this.push(null);
    },
  });
}

function classify(error: unknown, envelope: TrackedEnvelope, relay: RelayOptions): SubmissionError {
  const refused = refusedRecipients(envelope);
  const where = `${relay.host}:${relay.port}`;
  const reason = error instanceof Error ? error.message : String(error);
  if (refused.length > 0) {
    if (onlyTemporaryRefusals(envelope.rejectedErrors)) {
      return new SubmissionError('relay-unavailable', `relay ${where} deferred ${refused.join(', ')}: ${reason}`, refused, { cause: error });
    }
    return new SubmissionError('recipient-refused', `relay ${where} refused ${refused.join(', ')}`, refused, { cause: error });
  }
  return new SubmissionError('relay-unavailable', `relay ${where} failed: ${reason}`, [], { cause: error });
}

/**
 * Relays the message to every envelope recipient or to none. Resolves to the accepted
 * recipients; throws SubmissionError 'recipient-refused' (some recipient refused for good) or
 * 'relay-unavailable' (connection, authentication, temporary refusals, message refused).
 */
export async function relayMessage(relay: RelayOptions, envelope: RelayEnvelope, mime: Uint8Array): Promise<string[]> {
  const timeout = relay.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const connection = new SMTPConnection({
    host: relay.host,
    port: relay.port,
    secure: relay.secure,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(relay.clientName === undefined ? {} : { name: relay.clientName }),
  });
  // nodemailer reports connection failures as 'error' events rather than through the callbacks.
  const failed = new Promise<never>((_, reject) => connection.on('error', reject));
  failed.catch(() => undefined);
  const step = <T>(start: (done: Callback<T>) => void): Promise<T> =>
    Promise.race([new Promise<T>((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value as T)))), failed]);
  const tracked: TrackedEnvelope = { from: envelope.from, to: [...envelope.to], size: mime.length, use8BitMime: hasEightBit(mime) };
  try {
    await step<void>((done) => connection.connect(done));
    if (relay.user !== undefined) {
      await step<unknown>((done) => connection.login({ user: relay.user ?? '', pass: relay.password ?? '' }, done));
    }
    const info = await step<SMTPConnection.SentMessageInfo>((done) =>
      connection.send(tracked as unknown as SMTPConnection.Envelope, guardedMessage(tracked, mime), done),
    );
    connection.quit();
    // Only if nodemailer stopped filling in the envelope could a refusal surface this late.
    if (info.rejected.length > 0) throw classify(new Error('relay refused recipients after DATA'), { ...tracked, rejected: info.rejected, rejectedErrors: info.rejectedErrors }, relay);
    return info.accepted.map(String);
  } catch (error) {
    connection.close();
    if (error instanceof SubmissionError) throw error;
    throw classify(error, tracked, relay);
  }
}
