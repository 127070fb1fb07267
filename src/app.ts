// Composition root: the one place that knows every layer. It turns a validated configuration
// into a running application: logger, then the account store, the state store and the embedded
// mailbox store, then the command registry, then the HTTP front with device admission and the
// provisioning PolicyGate. Nothing listens until listen() is called, so tests can inject requests.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream, Logger } from 'pino';
import { EmbeddedAccountStore } from './backends/embedded/account-store.js';
import { EmbeddedStore } from './backends/embedded/embedded-store.js';
import { SmtpMailSubmitter } from './backends/submission/smtp-mail-submitter.js';
import type { CommandDeps } from './commands/command-deps.js';
import { createDeviceAdmission } from './commands/device-admission.js';
import { createCommandSet } from './commands/index.js';
import { createPolicyGate } from './commands/provision/policy-gate.js';
import { CommandRegistry } from './commands/registry.js';
import type { PushbridgeConfig } from './config/index.js';
import { createHttpServer } from './http/server.js';
import type { StateStore } from './domain/state-store.js';
import { createLogger } from './observability/logger.js';
import { openStateStore } from './state/open-state-store.js';
import { HeldRequests } from './sync/held-requests.js';

/** Pending connections the kernel queues before accept (it caps this at net.core.somaxconn,
 *  4096 on current Linux). Node's default of 511 overflowed when 10,000 devices re-sent their
 *  Ping at once, as phones do after a network switch: ~1,000 connect timeouts and 130 s until all
 *  were held again, against none and ~40 s with 4096 (BENCHMARKS.md, "Wake bursts and reconnect storms"). */
const LISTEN_BACKLOG = 4096;

export interface PushbridgeApp {
  readonly config: PushbridgeConfig;
  readonly server: FastifyInstance;
  readonly logger: Logger;
  readonly accounts: EmbeddedAccountStore;
  readonly state: StateStore;
  readonly mailboxes: EmbeddedStore;
  /** Starts listening on server.host:server.port; resolves to the base URL to reach it locally. */
  listen(): Promise<string>;
  /** Stops accepting connections, lets requests in flight finish, then closes the stores. */
  close(): Promise<void>;
}

export interface CreateAppOptions {
  /** Where log lines go (default stdout); tests pass a stream to read them. */
  readonly logDestination?: DestinationStream;
}

// A wildcard bind is reachable on loopback; that is the URL a local caller (or test) can use.
function reachableHost(address: AddressInfo): string {
  if (address.address === '0.0.0.0') return '127.0.0.1';
  if (address.address === '::') return '[::1]';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}

export async function createApp(config: PushbridgeConfig, options: CreateAppOptions = {}): Promise<PushbridgeApp> {
  const logger = createLogger({
    level: config.log.level,
    ...(options.logDestination === undefined ? {} : { destination: options.logDestination }),
  });
  // Ping and long-poll Sync requests the server holds, one per device.
  const held = new HeldRequests();
  const accounts = EmbeddedAccountStore.open(config.server.dataDir);
  // Writes by other processes (the CLI's `mail import`, another server) must wake held Ping/Sync too.
  const mailboxes = EmbeddedStore.open(config.server.dataDir, {
    watchForeignWrites: true,
    onWatcherWarning: (message, error) => logger.warn({ err: error }, message),
  });
  let state: StateStore | undefined;
  let server: FastifyInstance;
  const closeStores = async (): Promise<void> => {
    await state?.close();
    await mailboxes.close();
    accounts.close();
  };
  try {
    state = await openStateStore({ kind: 'sqlite', dataDir: config.server.dataDir });
    const submitter = new SmtpMailSubmitter({
      directory: accounts,
      stores: mailboxes,
      maxRecipients: config.mail.maxRecipients,
      ...(config.mail.relay === undefined ? {} : { relay: config.mail.relay }),
    });
    const deps: CommandDeps = { state, stores: mailboxes, clock: Date.now, provisioning: config.provisioning, ping: config.ping, submitter, log: logger };
    const commands = new CommandRegistry();
    for (const command of createCommandSet(deps, held)) commands.register(command);
    server = createHttpServer({
      authenticator: accounts,
      commands,
      logger,
      deviceAdmission: createDeviceAdmission(state),
      policyGate: createPolicyGate({ state, settings: config.provisioning, clock: deps.clock }),
      settings: {
        advertisedVersions: config.eas.advertisedVersions,
        maxBodyBytes: config.eas.maxBodyBytes,
        trustProxy: config.server.trustProxy,
        ...(config.server.externalUrl === undefined ? {} : { externalUrl: config.server.externalUrl }),
      },
    });
    await server.ready();
  } catch (error) {
    await closeStores();
    throw error;
  }
  const openState = state;

  let closing: Promise<void> | undefined;
  return {
    config,
    server,
    logger,
    accounts,
    state: openState,
    mailboxes,
    async listen() {
      await server.listen({ host: config.server.host, port: config.server.port, backlog: LISTEN_BACKLOG });
      const address = server.server.address() as AddressInfo;
      return `http://${reachableHost(address)}:${address.port}`;
    },
    close() {
      // Held Pings and long-poll Syncs answer now (Status 1 / what they have), or close would wait out their heartbeats.
      held.releaseAll();
      closing ??= server.close().finally(closeStores);
      return closing;
    },
  };
}
