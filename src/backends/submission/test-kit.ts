// A real SMTP server on 127.0.0.1 (smtp-server, by the nodemailer authors) standing in for the
// relay in tests: it records every message it accepted with its envelope, and refuses the
// recipients a test names with the reply code it names. Only tests import this file (the build
// leaves test-kit.ts files out).

import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface RelayedMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly data: string;
}

export interface TestRelayOptions {
  /** SMTP reply code to refuse a recipient with (e.g. 550, 450); undefined accepts it. */
  readonly refuse?: (address: string) => number | undefined;
  /** Require AUTH with these credentials. */
  readonly credentials?: { readonly user: string; readonly password: string };
}

export interface TestRelay {
  readonly port: number;
  /** Messages the relay accepted (the final "." was answered 250). */
  readonly received: RelayedMessage[];
  /** Connections that reached DATA, whether or not the message was completed. */
  readonly dataStarted: () => number;
  close(): Promise<void>;
}

function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

export async function startTestRelay(options: TestRelayOptions = {}): Promise<TestRelay> {
  const received: RelayedMessage[] = [];
  let dataStarted = 0;
  const credentials = options.credentials;
  const settings: SMTPServerOptions = {
    logger: false,
    disabledCommands: credentials === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: credentials === undefined,
    onAuth(auth, _session, callback) {
      if (credentials !== undefined && auth.username === credentials.user && auth.password === credentials.password) {
        callback(null, { user: auth.username });
      } else {
        callback(smtpError(535, 'Authentication failed'));
      }
    },
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.(address.address);
      callback(code === undefined ? undefined : smtpError(code, `Refused ${address.address}`));
    },
    onData(stream, session, callback) {
      dataStarted += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        received.push({ from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  };
  const server = new SMTPServer(settings);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    dataStarted: () => dataStarted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
