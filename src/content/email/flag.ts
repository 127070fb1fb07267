// The follow-up flag (MS-ASEMAIL 2.2.2.34 Flag, 12.0+) both ways. Status 2 is active, 1 complete,
// 0 cleared; an empty <Flag/> also means "not flagged" and is what the server sends for an
// unflagged message. When any of StartDate/DueDate/UtcStartDate/UtcDueDate is sent all four are
// (MS-ASEMAIL 2.2.2.72 and siblings); the local pair is the user's wall clock, so on input the
// UTC pair wins. A complete flag carries both CompleteTime and tasks:DateCompleted.

import { element, firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { FollowUpFlag } from '../../domain/item.js';
import { stripNul } from '../body/body-selection.js';
import { formatEasDateTime, formatEasLocalDateTime, parseEasDateTime } from './email-dates.js';

/** What Exchange and most clients write when the user flags a message without choosing a type. */
export const DEFAULT_FLAG_TYPE = 'Flag for follow up';

/**
 * The Email:Flag element for a message's flag. `completedFallback` stands in for a completion
 * time the store did not record (a complete flag must carry one).
 */
export function encodeFlag(flag: FollowUpFlag | null, timeZone: string | undefined, completedFallback: Date): WbxmlElement {
  if (flag === null) return element('Email:Flag');
  const children: WbxmlElement[] = [
    element('Email:Status', flag.status === 'complete' ? '1' : '2'),
    element('Email:FlagType', stripNul(flag.flagType ?? DEFAULT_FLAG_TYPE)),
  ];
  if (flag.status === 'complete') {
    const done = formatEasDateTime(flag.completedAt ?? completedFallback) ?? formatEasDateTime(completedFallback);
    if (done !== undefined) children.push(element('Tasks:DateCompleted', done), element('Email:CompleteTime', done));
  }
  const start = flag.startAt ?? flag.dueAt;
  const due = flag.dueAt ?? flag.startAt;
  if (start !== undefined && due !== undefined) {
    const values = [
      ['Tasks:StartDate', formatEasLocalDateTime(start, timeZone)],
      ['Tasks:DueDate', formatEasLocalDateTime(due, timeZone)],
      ['Tasks:UtcStartDate', formatEasDateTime(start)],
      ['Tasks:UtcDueDate', formatEasDateTime(due)],
    ] as const;
    if (values.every(([, v]) => v !== undefined)) {
      for (const [name, value] of values) children.push(element(name, value as string));
    }
  }
  const reminder = flag.reminderAt === undefined ? undefined : formatEasDateTime(flag.reminderAt);
  children.push(element('Tasks:ReminderSet', reminder === undefined ? '0' : '1'));
  if (reminder !== undefined) children.push(element('Tasks:ReminderTime', reminder));
  return element('Email:Flag', children);
}

/**
 * The flag a client's Email:Flag describes: null when it clears the flag. `existing` supplies
 * what a terse client leaves out (iOS sends only Status when the user taps "flag").
 */
export function decodeFlag(flagEl: WbxmlElement, existing: FollowUpFlag | null): FollowUpFlag | null {
  if (flagEl.children.length === 0) return null;
  const text = (name: string): string | undefined => {
    const child = firstChild(flagEl, name);
    return child === undefined ? undefined : textContent(child).trim();
  };
  const date = (...names: string[]): Date | undefined => {
    for (const name of names) {
      const value = text(name);
      const parsed = value === undefined ? undefined : parseEasDateTime(value);
      if (parsed !== undefined) return parsed;
    }
    return undefined;
  };
  const status = text('Email:Status');
  if (status === '0') return null;
  const complete = status === '1';
  const flagType = text('Email:FlagType') ?? existing?.flagType;
  const startAt = date('Tasks:UtcStartDate', 'Tasks:StartDate') ?? existing?.startAt;
  const dueAt = date('Tasks:UtcDueDate', 'Tasks:DueDate') ?? existing?.dueAt;
  const reminderSet = text('Tasks:ReminderSet');
  const reminderAt = reminderSet === '0' ? undefined : date('Tasks:ReminderTime') ?? existing?.reminderAt;
  const completedAt = complete ? date('Email:CompleteTime', 'Tasks:DateCompleted') ?? existing?.completedAt : undefined;
  return {
    status: complete ? 'complete' : 'active',
    ...(flagType !== undefined && flagType !== '' ? { flagType } : {}),
    ...(startAt !== undefined ? { startAt } : {}),
    ...(dueAt !== undefined ? { dueAt } : {}),
    ...(completedAt !== undefined ? { completedAt } : {}),
    ...(reminderAt !== undefined ? { reminderAt } : {}),
  };
}
