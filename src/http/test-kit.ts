// Test support for the HTTP front's tests: a real server on 127.0.0.1, an Authenticator port
// backed by a fixed table (the account backend is not what those tests examine), a command that
// answers with everything it received, and a captured log. Not used by the running server.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { CommandContext, CommandDefinition, CommandRequest, PolicyGate } from '../commands/registry.js';
import { CommandRegistry, CommandResults } from '../commands/registry.js';
import type { AuthenticatedUser, Authenticator } from '../domain/authenticator.js';
import { PROTOCOL_VERSIONS } from '../eas/protocol-version.js';
import type { WbxmlElement } from '../eas/wbxml-body.js';
import { childElements, decodeEasBody, element, firstChild, qualifiedName, textContent } from '../eas/wbxml-body.js';
import { createLogger } from '../observability/logger.js';
import type { HttpSettings } from './http-types.js';
import { createHttpServer } from './server.js';

export interface TableAccount {
  readonly password: string;
  readonly user: AuthenticatedUser;
}

/** The Authenticator port over a fixed table; a login of "backend-down" makes it throw. */
export class TableAuthenticator implements Authenticator {
  constructor(private readonly accounts: Readonly<Record<string, TableAccount>>) {}

  async authenticate(username: string, password: string): Promise<AuthenticatedUser | null> {
    if (username === 'backend-down') throw new Error('directory unreachable');
    const account = this.accounts[username.toLowerCase()];
    return account !== undefined && account.password === password ? account.user : null;
  }
}

export const ACCOUNTS: Readonly<Record<string, TableAccount>> = {
  'jo@example.com': { password: 'secret', user: { username: 'jo@example.com', email: 'jo@example.com', displayName: 'Jo Example' } },
  jörg: { password: 'pässwort', user: { username: 'jörg' } },
};

/** Echo's answer as pairs: FolderSync Changes/Add with ServerId = field and DisplayName = value. */
function echoAnswer(ctx: CommandContext, request: CommandRequest): WbxmlElement {
  const fields: [string, string][] = [
    ['command', ctx.command],
    ['user', ctx.user.username],
    ['deviceId', ctx.deviceId],
    ['deviceType', ctx.deviceType],
    ['protocolVersion', ctx.protocolVersion],
    ['policyKey', String(ctx.policyKey ?? 'none')],
    ['userAgent', ctx.userAgent ?? 'none'],
    ['requestId', ctx.requestId],
    ['params', JSON.stringify(ctx.params)],
    ['body', request.kind === 'wbxml' ? qualifiedName(request.root) : request.kind],
  ];
  const syncKey = request.kind === 'wbxml' ? firstChild(request.root, 'FolderHierarchy:SyncKey') : undefined;
  const adds = fields.map(([name, value]) =>
    element('FolderHierarchy:Add', [
      element('FolderHierarchy:ServerId', name),
      element('FolderHierarchy:ParentId', '0'),
      element('FolderHierarchy:DisplayName', value),
      element('FolderHierarchy:Type', '1'),
    ]),
  );
  return element('FolderHierarchy:FolderSync', [
    element('FolderHierarchy:Status', '1'),
    element('FolderHierarchy:SyncKey', syncKey === undefined ? 'none' : textContent(syncKey)),
    element('FolderHierarchy:Changes', [element('FolderHierarchy:Count', String(adds.length)), ...adds]),
  ]);
}

/** A real FolderSync-shaped command that reports what the front handed it. */
export const ECHO_FOLDER_SYNC: CommandDefinition = {
  name: 'FolderSync',
  minVersion: '2.5',
  needsProvisioning: true,
  handle: async (ctx, request) => CommandResults.wbxml(echoAnswer(ctx, request)),
};

/** Reads an echo answer back into field → value. */
export function readEcho(body: Uint8Array): Record<string, string> {
  const root = decodeEasBody(body, {}, 'FolderHierarchy:FolderSync');
  const changes = firstChild(root, 'FolderHierarchy:Changes');
  const out: Record<string, string> = { syncKey: textContent(firstChild(root, 'FolderHierarchy:SyncKey') ?? root) };
  for (const add of changes === undefined ? [] : childElements(changes, 'FolderHierarchy:Add')) {
    const key = firstChild(add, 'FolderHierarchy:ServerId');
    const value = firstChild(add, 'FolderHierarchy:DisplayName');
    if (key !== undefined && value !== undefined) out[textContent(key)] = textContent(value);
  }
  return out;
}

export interface TestServer {
  readonly url: string;
  readonly app: FastifyInstance;
  /** Every log line written so far, parsed. */
  logs(): Record<string, unknown>[];
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly commands?: readonly CommandDefinition[];
  readonly settings?: Partial<HttpSettings>;
  readonly policyGate?: PolicyGate;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const commands = new CommandRegistry();
  for (const definition of options.commands ?? [ECHO_FOLDER_SYNC]) commands.register(definition);
  const app = createHttpServer({
    authenticator: new TableAuthenticator(ACCOUNTS),
    commands,
    logger: createLogger({ level: 'info', destination }),
    settings: { advertisedVersions: [...PROTOCOL_VERSIONS], maxBodyBytes: 64 * 1024, ...options.settings },
    ...(options.policyGate === undefined ? {} : { policyGate: options.policyGate }),
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    logs: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    close: () => app.close(),
  };
}

/** A Basic Authorization value, the credentials encoded as UTF-8 or, like Outlook, ISO-8859-1. */
export function basic(username: string, password: string, encoding: 'utf8' | 'latin1' = 'utf8'): string {
  return `Basic ${Buffer.from(`${username}:${password}`, encoding).toString('base64')}`;
}

export const JO = basic('jo@example.com', 'secret');
export const WBXML = 'application/vnd.ms-sync.wbxml';
