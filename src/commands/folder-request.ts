// What FolderSync, FolderCreate, FolderUpdate and FolderDelete share at the command layer: reading
// the request's FolderHierarchy fields, naming the device for the engine, and turning the engine's
// reply (or an unexpected failure) into the command's result. A request the engine cannot even
// read is Status 10 (MS-ASCMD 2.2.3.177.3-6); an unexpected error is Status 6 with the cause in the
// log, never an HTTP 500 (CLIENT-QUIRKS §1).

import { firstChild, textContent, type WbxmlElement } from '../eas/wbxml-body.js';
import {
  HierarchyStatus,
  statusReply,
  type HierarchyCommand,
  type HierarchyDevice,
  type HierarchyReply,
} from '../sync/hierarchy-sync.js';
import { CommandResults, type CommandContext, type CommandRequest, type CommandResult } from './registry.js';

export function hierarchyDevice(ctx: CommandContext): HierarchyDevice {
  return {
    user: ctx.user.username,
    deviceId: ctx.deviceId,
    deviceType: ctx.deviceType,
    protocolVersion: ctx.protocolVersion,
    ...(ctx.userAgent === undefined ? {} : { userAgent: ctx.userAgent }),
  };
}

/**
 * The text of each named FolderHierarchy child, or undefined when the body is not WBXML, one of
 * them is missing, or the request carries a Status (a reply element: MS-ASCMD 2.2.1.6 answers
 * that with 10). An element that is present but empty reads as "" (an empty SyncKey is a bad
 * key, Status 9, not a malformed request).
 */
export function readFields<const N extends string>(
  request: CommandRequest,
  names: readonly N[],
): Readonly<Record<N, string>> | undefined {
  if (request.kind !== 'wbxml') return undefined;
  const root: WbxmlElement = request.root;
  if (firstChild(root, 'FolderHierarchy:Status') !== undefined) return undefined;
  const fields = {} as Record<N, string>;
  for (const name of names) {
    const child = firstChild(root, `FolderHierarchy:${name}`);
    if (child === undefined) return undefined;
    fields[name] = textContent(child);
  }
  return fields;
}

/** FolderCreate's Type: a small unsigned integer, or undefined for anything else. */
export function parseFolderType(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d{1,3}$/.test(trimmed) ? Number(trimmed) : undefined;
}

export function malformed(command: HierarchyCommand, ctx: CommandContext, reason: string): CommandResult {
  ctx.log.info({ easStatus: HierarchyStatus.MalformedRequest }, `${command}: ${reason}`);
  return CommandResults.wbxml(statusReply(command, HierarchyStatus.MalformedRequest));
}

/** Runs the engine and logs the outcome; an error the engine did not expect becomes Status 6. */
export async function answer(
  command: HierarchyCommand,
  ctx: CommandContext,
  run: () => Promise<HierarchyReply>,
): Promise<CommandResult> {
  let reply: HierarchyReply;
  try {
    reply = await run();
  } catch (error) {
    ctx.log.error({ err: error, easStatus: HierarchyStatus.ServerError }, `${command} failed unexpectedly`);
    return CommandResults.wbxml(statusReply(command, HierarchyStatus.ServerError));
  }
  if (reply.status === HierarchyStatus.Success) {
    ctx.log.debug({ easStatus: reply.status, replayed: reply.replayed }, `${command} answered`);
  } else {
    const cause = reply.cause instanceof Error ? reply.cause.message : undefined;
    const level = reply.status === HierarchyStatus.ServerError ? 'warn' : 'info';
    ctx.log[level]({ easStatus: reply.status, ...(cause === undefined ? {} : { cause }) }, `${command} refused`);
  }
  return CommandResults.wbxml(reply.root);
}
