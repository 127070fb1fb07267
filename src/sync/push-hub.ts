// The push hub: turns ChangeFeed events into the wake-up of a held Ping (and of anything else that
// waits for a user's folders). A held request is a pending promise, a timer and two feed
// subscriptions, never a poll loop or a thread (ARCHITECTURE.md "Push is event-driven"), so one
// process holds tens of thousands of them.
//
// Watching starts before the caller looks for changes it missed, so a change committed between
// that look and the hold still wakes it. After the first change the hub waits COALESCE_MS more
// and answers once with every folder that changed meanwhile: one "mark all as read" is dozens of
// commits, and each answer costs the device a round of Syncs.

import type { ChangeFeed } from '../domain/change-feed.js';
import type { Unsubscribe } from '../domain/change.js';

/**
 * How long the hub keeps collecting after the first change. A burst from one client action (a
 * move of many messages, a flag on a thread) is committed within a few milliseconds; 30 ms gathers
 * it and stays far below the 100 ms push-latency median we aim for (BENCHMARKING.md).
 */
export const COALESCE_MS = 30;

/**
 * Wake-ups answered in one turn of the event loop. One change can wake every Ping a mailbox's
 * devices hold, and their coalescing windows end together: answered back to back, 10,000 of them
 * (~0.36 ms each: reply, write, unsubscribe) kept the loop from reading any socket for 2.3-2.9 s
 * (BENCHMARKS.md, "Wake bursts and reconnect storms"). A hundred a turn is ~40 ms of work
 * between two looks at the sockets, and costs the burst nothing in total.
 */
export const ANSWERS_PER_TURN = 100;

export interface WatchRequest {
  readonly user: string;
  /** Backend folder ids. */
  readonly folderIds: readonly string[];
  /** Also end the wait when the user's folder hierarchy changes (Ping Status 7). */
  readonly hierarchy: boolean;
  /** Aborted when the client goes away or a newer request of the device takes over. */
  readonly signal: AbortSignal;
}

export type PushOutcome =
  /** Backend ids of the changed folders, in the order their first change arrived. */
  | { readonly kind: 'changed'; readonly folderIds: readonly string[] }
  | { readonly kind: 'hierarchy-changed' }
  | { readonly kind: 'expired' }
  /** The request's signal aborted; its reason tells why. */
  | { readonly kind: 'ended' };

export interface PushHubOptions {
  /** Defaults to COALESCE_MS; tests pass 0 to see each change on its own. */
  readonly coalesceMs?: number;
}

// Ten thousand of these wait at once: fields are few and the change set is made on the first change.
/** One request's watch: collects changes from the moment it is made until it settles or is closed. */
export class PushWatch {
  private changed: Set<string> | undefined;
  private unsubscribeFolders: Unsubscribe | undefined;
  private unsubscribeHierarchy: Unsubscribe | undefined;
  private readonly signal: AbortSignal;
  private readonly outcome: Promise<PushOutcome>;
  private resolve: (outcome: PushOutcome) => void = () => undefined;
  private coalesceTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    feed: ChangeFeed,
    request: WatchRequest,
    private readonly coalesceMs: number,
    private readonly hub: PushHub,
  ) {
    this.signal = request.signal;
    this.outcome = new Promise((resolve) => {
      this.resolve = resolve;
    });
    try {
      if (request.hierarchy) this.unsubscribeHierarchy = feed.subscribeHierarchy(request.user, () => this.settle({ kind: 'hierarchy-changed' }));
      if (request.folderIds.length > 0) this.unsubscribeFolders = feed.subscribe(request.user, request.folderIds, (event) => this.onChange(event.folderId));
    } catch (error) {
      this.close();
      throw error;
    }
    if (request.signal.aborted) this.settle({ kind: 'ended' });
    else request.signal.addEventListener('abort', this, { once: true });
  }

  /** Folders that changed since the watch began (while the caller still decides whether to hold). */
  get pendingChanges(): readonly string[] {
    return [...(this.changed ?? [])];
  }

  /**
   * Resolves at the first of: a change (after the coalescing window), a hierarchy change, the
   * heartbeat running out (with any change still being collected), the signal aborting. The watch
   * is closed when it resolves.
   */
  wait(timeoutMs: number): Promise<PushOutcome> {
    if (!this.closed && this.heartbeatTimer === undefined) {
      this.heartbeatTimer = setTimeout(() => this.settle(this.changed === undefined ? { kind: 'expired' } : this.changedOutcome()), timeoutMs);
    }
    return this.outcome;
  }

  /** Stops watching: unsubscribes and clears the timers. Safe to call any number of times. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.coalesceTimer);
    clearTimeout(this.heartbeatTimer);
    this.signal.removeEventListener('abort', this);
    this.unsubscribeFolders?.();
    this.unsubscribeHierarchy?.();
    this.hub.watchClosed();
    this.resolve({ kind: 'ended' });
  }

  /** The signal's abort listener: the watch itself (an EventListener object), not a closure kept per watch. */
  handleEvent(): void {
    this.settle({ kind: 'ended' });
  }

  private onChange(folderId: string): void {
    if (this.closed) return;
    this.changed ??= new Set();
    this.changed.add(folderId);
    if (this.coalesceTimer === undefined) this.coalesceTimer = setTimeout(() => this.hub.answerInTurn(this), this.coalesceMs);
  }

  /** Ends the wait with the folders changed so far; the hub calls it when the turn has room. */
  answerChanged(): void {
    this.settle(this.changedOutcome());
  }

  private changedOutcome(): PushOutcome {
    return { kind: 'changed', folderIds: [...(this.changed ?? [])] };
  }

  private settle(outcome: PushOutcome): void {
    if (this.closed) return;
    this.resolve(outcome);
    this.close();
  }
}

export class PushHub {
  private active = 0;
  private readonly coalesceMs: number;
  private answeredThisTurn = 0;
  /** Watches whose window ended after this turn's ANSWERS_PER_TURN, oldest first. */
  private waiting: PushWatch[] = [];
  private readonly nextTurn = (): void => this.startTurn();

  constructor(private readonly feed: ChangeFeed, options: PushHubOptions = {}) {
    this.coalesceMs = options.coalesceMs ?? COALESCE_MS;
  }

  /** Subscribes at once; the caller then checks for changes it missed and either closes or waits. */
  watch(request: WatchRequest): PushWatch {
    // Counted first: a watch that fails to subscribe closes itself, which counts it out again.
    this.active += 1;
    return new PushWatch(this.feed, request, this.coalesceMs, this);
  }

  /** Answers `watch` now if this turn has room, else in a later turn, in order. */
  answerInTurn(watch: PushWatch): void {
    if (this.waiting.length > 0 || this.answeredThisTurn >= ANSWERS_PER_TURN) {
      this.waiting.push(watch);
      return;
    }
    // setImmediate runs after the poll phase, so sockets are read before the next turn's answers.
    if (this.answeredThisTurn++ === 0) setImmediate(this.nextTurn);
    watch.answerChanged();
  }

  private startTurn(): void {
    const due = this.waiting.slice(0, ANSWERS_PER_TURN);
    this.waiting = this.waiting.slice(due.length);
    this.answeredThisTurn = due.length;
    if (due.length > 0) setImmediate(this.nextTurn);
    for (const watch of due) watch.answerChanged();
  }

  /** Called once by each watch as it closes. */
  watchClosed(): void {
    this.active -= 1;
  }

  /** Watches not yet settled or closed (for tests and metrics). */
  get activeWatches(): number {
    return this.active;
  }
}
