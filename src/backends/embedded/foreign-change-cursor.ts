// Per-user bookkeeping of the foreign-write watcher: the mailbox state this process has already
// announced (file epoch, change-log sequence, hierarchy counter) and the ranges its own writes
// added since, which were announced at their commit. Advancing reads only the gaps between those
// ranges, so every change another process made is announced once and this process's never twice.

import { foldersChangedBetween } from './change-log.js';
import type { CommittedRange } from './mailbox-access.js';
import type { MailboxDatabase } from './mailbox-database.js';

export interface MailboxMark {
  /** Undefined while the mailbox file does not exist. */
  readonly epoch: string | undefined;
  readonly seq: number;
  readonly hierarchy: number;
}

/** A mailbox not created yet: a new file starts at sequence 0 and hierarchy version 1. */
export const ABSENT_MAILBOX: MailboxMark = { epoch: undefined, seq: 0, hierarchy: 1 };

export interface ForeignChanges {
  readonly folderIds: ReadonlySet<string>;
  readonly hierarchy: boolean;
}

export function readMark(mailbox: MailboxDatabase): MailboxMark {
  return { epoch: mailbox.epoch, seq: mailbox.lastSeq(), hierarchy: mailbox.hierarchyVersion() };
}

/** The parts of (after, upto] that no own range covers, as (from, to] pairs. */
export function uncoveredRanges(after: number, upto: number, own: readonly CommittedRange[]): Array<[number, number]> {
  const gaps: Array<[number, number]> = [];
  let cursor = after;
  for (const range of [...own].sort((a, b) => a.fromSeq - b.fromSeq)) {
    if (range.fromSeq > cursor) gaps.push([cursor, Math.min(range.fromSeq, upto)]);
    cursor = Math.max(cursor, range.toSeq);
    if (cursor >= upto) break;
  }
  if (cursor < upto) gaps.push([cursor, upto]);
  return gaps.filter(([from, to]) => to > from);
}

function missingFolders(mailbox: MailboxDatabase, folderIds: readonly string[]): string[] {
  if (folderIds.length === 0) return [];
  const rows = mailbox.statement('SELECT id FROM folders').all() as Array<{ id: string }>;
  const existing = new Set(rows.map((row) => row.id));
  return folderIds.filter((id) => !existing.has(id));
}

export class ForeignChangeCursor {
  private own: CommittedRange[] = [];
  private ownHierarchyBumps = 0;

  constructor(private mark: MailboxMark) {}

  /** A write of this process, already announced at its commit. */
  recordOwn(range: CommittedRange): void {
    if (range.toSeq > range.fromSeq) this.own.push(range);
    this.ownHierarchyBumps += range.hierarchyBumps;
  }

  /**
   * What other processes changed since the last call, and moves the mark to now. Must run in a
   * transaction that sees every commit so far; `subscribed` are the folders someone listens to,
   * which are reported when another process deleted them (their log entries go with them).
   */
  advance(mailbox: MailboxDatabase, subscribed: readonly string[]): ForeignChanges {
    const now = readMark(mailbox);
    const previous = this.mark;
    const own = this.own;
    const ownBumps = this.ownHierarchyBumps;
    this.mark = now;
    this.own = [];
    this.ownHierarchyBumps = 0;
    if (previous.epoch !== undefined && previous.epoch !== now.epoch) {
      // The file was deleted and created anew: sequences restarted, every subscriber must look again.
      return { folderIds: new Set(subscribed), hierarchy: true };
    }
    const folderIds = new Set<string>();
    for (const [from, to] of uncoveredRanges(previous.seq, now.seq, own)) {
      for (const id of foldersChangedBetween(mailbox, from, to)) folderIds.add(id);
    }
    const hierarchy = now.hierarchy - previous.hierarchy > ownBumps;
    if (hierarchy) for (const id of missingFolders(mailbox, subscribed)) folderIds.add(id);
    return { folderIds, hierarchy };
  }
}
