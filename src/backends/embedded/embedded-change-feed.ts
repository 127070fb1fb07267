// ChangeFeed of the embedded store: the store calls notify after each committed write (and the
// foreign-write watcher after another process wrote) and the subscribed listeners (the push hub)
// run at once. Listeners are indexed by user and folder so a write wakes only the subscribers of
// the folders it touched, however many Pings are held. Coalescing bursts is the hub's job.

import type { Unsubscribe } from '../../domain/change.js';
import type { ChangeFeed, FolderChangeListener, HierarchyChangeListener } from '../../domain/change-feed.js';
import { canonicalUser } from './user-file-name.js';

export type ListenerErrorHandler = (error: unknown) => void;

/** Told when a user gains a first subscriber and loses the last one (the foreign-write watcher). */
export interface SubscriptionObserver {
  userSubscribed(user: string): void;
  userUnsubscribed(user: string): void;
}

export class EmbeddedChangeFeed implements ChangeFeed {
  private readonly folderListeners = new Map<string, Map<string, Set<FolderChangeListener>>>();
  private readonly hierarchyListeners = new Map<string, Set<HierarchyChangeListener>>();
  private observer: SubscriptionObserver | undefined;

  /** A throwing listener must not fail the write that woke it; its error goes here instead. */
  constructor(private readonly onListenerError: ListenerErrorHandler) {}

  /** At most one observer; it learns only of changes from now on. */
  observeSubscriptions(observer: SubscriptionObserver | undefined): void {
    this.observer = observer;
  }

  subscribe(user: string, folderIds: readonly string[], listener: FolderChangeListener): Unsubscribe {
    const key = canonicalUser(user);
    const wasSubscribed = this.isSubscribed(key);
    const byFolder = this.folderListeners.get(key) ?? new Map<string, Set<FolderChangeListener>>();
    this.folderListeners.set(key, byFolder);
    const ids = [...new Set(folderIds)];
    for (const folderId of ids) {
      const listeners = byFolder.get(folderId) ?? new Set<FolderChangeListener>();
      listeners.add(listener);
      byFolder.set(folderId, listeners);
    }
    if (!wasSubscribed) this.observer?.userSubscribed(key);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      for (const folderId of ids) {
        const listeners = byFolder.get(folderId);
        listeners?.delete(listener);
        if (listeners?.size === 0) byFolder.delete(folderId);
      }
      if (byFolder.size === 0 && this.folderListeners.get(key) === byFolder) this.folderListeners.delete(key);
      this.afterUnsubscribe(key);
    };
  }

  subscribeHierarchy(user: string, listener: HierarchyChangeListener): Unsubscribe {
    const key = canonicalUser(user);
    const wasSubscribed = this.isSubscribed(key);
    const listeners = this.hierarchyListeners.get(key) ?? new Set<HierarchyChangeListener>();
    this.hierarchyListeners.set(key, listeners);
    listeners.add(listener);
    if (!wasSubscribed) this.observer?.userSubscribed(key);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      listeners.delete(listener);
      if (listeners.size === 0 && this.hierarchyListeners.get(key) === listeners) this.hierarchyListeners.delete(key);
      this.afterUnsubscribe(key);
    };
  }

  /** Called by the store after a commit; `user` is the canonical name. */
  notify(user: string, folderIds: Iterable<string>, hierarchyChanged: boolean): void {
    const byFolder = this.folderListeners.get(user);
    for (const folderId of folderIds) {
      // Copied: a listener may unsubscribe (a Ping answering) while we iterate.
      for (const listener of [...(byFolder?.get(folderId) ?? [])]) this.deliver(() => listener({ user, folderId }));
    }
    if (!hierarchyChanged) return;
    for (const listener of [...(this.hierarchyListeners.get(user) ?? [])]) this.deliver(() => listener({ user }));
  }

  /** The folders of `user` (canonical name) that have at least one subscriber. */
  subscribedFolderIds(user: string): string[] {
    return [...(this.folderListeners.get(user)?.keys() ?? [])];
  }

  /** Number of users with at least one subscription; for tests and metrics. */
  subscribedUserCount(): number {
    return new Set([...this.folderListeners.keys(), ...this.hierarchyListeners.keys()]).size;
  }

  private isSubscribed(user: string): boolean {
    return this.folderListeners.has(user) || this.hierarchyListeners.has(user);
  }

  private afterUnsubscribe(user: string): void {
    if (!this.isSubscribed(user)) this.observer?.userUnsubscribed(user);
  }

  private deliver(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.onListenerError(error);
    }
  }
}
