// A small EAS server on 127.0.0.1 for the client's and the diagnostic's tests: a real HTTP peer
// that checks Basic auth, parses both request-line forms with src/eas, enforces provisioning with
// HTTP 449 or Status 142/144, and answers the commands in peer-commands.ts. It is the other side
// of the wire, not a stand-in for the client under test.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeWbxml, element, encodeWbxml } from '../../wbxml/index.js';
import { commandSpec, type EasCommandName } from '../../eas/commands.js';
import { optionsResponseHeaders } from '../../eas/headers.js';
import { PROTOCOL_VERSIONS, parseProtocolVersion, versionAtLeast } from '../../eas/protocol-version.js';
import { parseRequestLine } from '../../eas/request-line.js';
import { answerCommand, PEER_COMMANDS, type PeerAnswer } from './peer-commands.js';
import { createPeerMemory, type PeerMemory, type PeerOptions, type PeerRequest } from './peer-state.js';

type HttpAnswer = PeerAnswer & { headers?: Record<string, string> };

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

export class EasTestPeer {
  readonly requests: PeerRequest[] = [];
  readonly memory: PeerMemory = createPeerMemory();
  private readonly server: Server;
  private address = '';

  private constructor(readonly options: PeerOptions) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(error instanceof Error ? error.message : String(error));
      });
    });
  }

  static async start(options: PeerOptions = {}): Promise<EasTestPeer> {
    const peer = new EasTestPeer(options);
    await new Promise<void>((resolve) => peer.server.listen(0, '127.0.0.1', resolve));
    peer.address = `http://127.0.0.1:${(peer.server.address() as AddressInfo).port}`;
    return peer;
  }

  /** Server root, e.g. http://127.0.0.1:40123 */
  get url(): string {
    return this.address;
  }

  /** POSTed requests for one command, in arrival order. */
  requestsFor(command: EasCommandName): PeerRequest[] {
    return this.requests.filter((r) => r.line?.command === command);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private authorized(req: IncomingMessage): boolean {
    const auth = header(req, 'authorization');
    if (auth === undefined || !auth.startsWith('Basic ')) return false;
    const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const users = this.options.users ?? { alice: 'secret' };
    return colon > 0 && users[decoded.slice(0, colon)] === decoded.slice(colon + 1);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const search = (req.url ?? '').split('?')[1] ?? '';
    const raw = await readBody(req);
    const record: PeerRequest = { method: req.method ?? '', search, headers: req.headers, raw, answeredStatus: 0 };
    this.requests.push(record);
    const answer = await this.dispatch(req, record);
    record.answeredStatus = answer.status;
    const bytes = answer.body === undefined ? undefined : encodeWbxml(answer.body);
    res.statusCode = answer.status;
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    if (bytes !== undefined) res.setHeader('Content-Type', 'application/vnd.ms-sync.wbxml');
    if (answer.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="peer"');
    res.end(bytes === undefined ? undefined : Buffer.from(bytes));
  }

  private dispatch(req: IncomingMessage, record: PeerRequest): Promise<HttpAnswer> | HttpAnswer {
    if (req.method === 'OPTIONS') return this.answerOptions(req);
    if (req.method !== 'POST') return { status: 405 };
    if (!this.authorized(req)) return { status: 401 };
    try {
      record.line = parseRequestLine(record.search);
    } catch {
      return { status: 400 };
    }
    const version = record.line.protocolVersion ?? header(req, 'ms-asprotocolversion');
    const policyKey = record.line.policyKey === undefined ? header(req, 'x-ms-policykey') : String(record.line.policyKey);
    if (version !== undefined) record.version = version;
    if (policyKey !== undefined) record.policyKey = policyKey;
    if (record.raw.length > 0) record.body = decodeWbxml(record.raw);
    const command = record.line.command;
    if (!PEER_COMMANDS.includes(command)) return { status: 501 };
    return this.gate(command, record) ?? answerCommand(command, record, this.options, this.memory);
  }

  private answerOptions(req: IncomingMessage): HttpAnswer {
    if (this.options.authenticateOptions === true && !this.authorized(req)) return { status: 401 };
    const versions = this.options.versions ?? PROTOCOL_VERSIONS;
    const headers = optionsResponseHeaders(versions, this.options.commands ?? PEER_COMMANDS);
    if (this.options.spacesInVersionList === true) headers['MS-ASProtocolVersions'] = versions.join(', ');
    return { status: 200, headers };
  }

  /** Remote wipe and provisioning demands, in that order, before any command but Provision runs. */
  private gate(command: EasCommandName, record: PeerRequest): PeerAnswer | undefined {
    if (command === 'Provision') return undefined;
    const root = commandSpec(command).root ?? 'AirSync:Sync';
    const namespace = root.slice(0, root.indexOf(':'));
    const statusReply = (status: string): PeerAnswer => ({ status: 200, body: element(root, element(`${namespace}:Status`, status)) });
    if (this.options.remoteWipe === 'status-140') return statusReply('140');
    const mode = this.options.provisioning ?? 'off';
    const current = this.memory.finalPolicyKey;
    const satisfied = this.options.neverSatisfied !== true && current !== undefined && record.policyKey === current;
    if (mode === 'off' || satisfied) return undefined;
    const version = parseProtocolVersion(record.version ?? '') ?? '14.0';
    const useHttp = mode === 'http-449' || (mode === 'by-version' && !versionAtLeast(version, '14.0'));
    if (useHttp) return { status: 449 };
    const sentKey = record.policyKey !== undefined && record.policyKey !== '0';
    return statusReply(sentKey ? '144' : '142');
  }
}
