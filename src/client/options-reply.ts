// Reads an OPTIONS reply (MS-ASHTTP 2.2.4): which protocol versions and commands the server
// offers, plus the formatting faults real clients trip over (CLIENT-QUIRKS §2.1: AOSP splits the
// version list on "," without trimming, so a space hides a version from it).

import { compareVersions, PROTOCOL_VERSIONS, type ProtocolVersion } from '../eas/protocol-version.js';

export interface OptionsReply {
  httpStatus: number;
  /** Raw MS-ASProtocolVersions header, undefined when absent. */
  versionsHeader?: string;
  /** Versions we know, in the server's order. */
  versions: ProtocolVersion[];
  /** Listed entries that are not EAS versions we know. */
  unknownVersions: string[];
  /** Raw MS-ASProtocolCommands header, undefined when absent. */
  commandsHeader?: string;
  commands: string[];
  /** MS-Server-ActiveSync header, when sent. */
  serverVersion?: string;
  /** Readable faults, empty when the reply is well formed. */
  problems: string[];
}

function isKnownVersion(value: string): value is ProtocolVersion {
  return (PROTOCOL_VERSIONS as readonly string[]).includes(value);
}

export function readOptionsReply(httpStatus: number, headers: Headers): OptionsReply {
  const reply: OptionsReply = { httpStatus, versions: [], unknownVersions: [], commands: [], problems: [] };
  if (httpStatus !== 200) reply.problems.push(`OPTIONS answered HTTP ${httpStatus}, expected 200`);
  const versions = headers.get('ms-asprotocolversions');
  const commands = headers.get('ms-asprotocolcommands');
  const server = headers.get('ms-server-activesync');
  if (server !== null) reply.serverVersion = server;
  if (versions === null) {
    reply.problems.push('MS-ASProtocolVersions header missing');
  } else {
    reply.versionsHeader = versions;
    if (/\s/.test(versions)) reply.problems.push(`MS-ASProtocolVersions contains spaces ("${versions}"); Android splits on "," without trimming`);
    for (const entry of versions.split(',').map((v) => v.trim()).filter((v) => v.length > 0)) {
      if (isKnownVersion(entry)) reply.versions.push(entry);
      else reply.unknownVersions.push(entry);
    }
    if (reply.versions.length === 0) reply.problems.push('MS-ASProtocolVersions lists no known EAS version');
  }
  if (commands === null) {
    reply.problems.push('MS-ASProtocolCommands header missing');
  } else {
    reply.commandsHeader = commands;
    reply.commands = commands.split(',').map((c) => c.trim()).filter((c) => c.length > 0);
  }
  return reply;
}

/** The highest version both sides speak: what a phone picks from the OPTIONS list. */
export function highestCommonVersion(serverVersions: readonly ProtocolVersion[], clientMaximum: ProtocolVersion): ProtocolVersion | undefined {
  let best: ProtocolVersion | undefined;
  for (const version of serverVersions) {
    if (compareVersions(version, clientMaximum) > 0) continue;
    if (best === undefined || compareVersions(version, best) > 0) best = version;
  }
  return best;
}
