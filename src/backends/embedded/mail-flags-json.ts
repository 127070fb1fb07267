// Mail flags as the JSON the embedded store keeps in the items.flags column. Dates travel as ISO
// strings; input is checked here because an Invalid Date or a non-string category would
// otherwise only fail much later, in a converter, on another device's sync.

import { InvalidInputError } from '../../domain/errors.js';
import { DEFAULT_MAIL_FLAGS, type FollowUpFlag, type LastVerb, type MailFlags } from '../../domain/item.js';

interface FlagJson {
  status: FollowUpFlag['status'];
  flagType?: string;
  startAt?: string;
  dueAt?: string;
  completedAt?: string;
  reminderAt?: string;
}

interface FlagsJson {
  read: boolean;
  flag: FlagJson | null;
  answered: boolean;
  forwarded: boolean;
  lastVerb: { verb: LastVerb['verb']; at: string } | null;
  categories: string[];
}

const FLAG_DATES = ['startAt', 'dueAt', 'completedAt', 'reminderAt'] as const;
const VERBS: ReadonlyArray<LastVerb['verb']> = ['replyToSender', 'replyToAll', 'forward'];

function isoDate(value: unknown, field: string): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new InvalidInputError(`${field} must be a valid Date`);
  return value.toISOString();
}

function encodeFlag(flag: FollowUpFlag): FlagJson {
  if (flag.status !== 'active' && flag.status !== 'complete') throw new InvalidInputError(`unknown flag status ${JSON.stringify(flag.status)}`);
  const json: FlagJson = { status: flag.status };
  if (flag.flagType !== undefined) {
    if (typeof flag.flagType !== 'string') throw new InvalidInputError('flag.flagType must be a string');
    json.flagType = flag.flagType;
  }
  for (const key of FLAG_DATES) {
    if (flag[key] !== undefined) json[key] = isoDate(flag[key], `flag.${key}`);
  }
  return json;
}

function checkBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw new InvalidInputError(`${field} must be a boolean`);
  return value;
}

export function encodeMailFlags(flags: MailFlags): string {
  if (!Array.isArray(flags.categories) || !flags.categories.every((category) => typeof category === 'string')) {
    throw new InvalidInputError('categories must be a list of strings');
  }
  if (flags.lastVerb !== null && !VERBS.includes(flags.lastVerb.verb)) {
    throw new InvalidInputError(`unknown last verb ${JSON.stringify(flags.lastVerb.verb)}`);
  }
  const json: FlagsJson = {
    read: checkBoolean(flags.read, 'read'),
    flag: flags.flag === null ? null : encodeFlag(flags.flag),
    answered: checkBoolean(flags.answered, 'answered'),
    forwarded: checkBoolean(flags.forwarded, 'forwarded'),
    lastVerb: flags.lastVerb === null ? null : { verb: flags.lastVerb.verb, at: isoDate(flags.lastVerb.at, 'lastVerb.at') },
    categories: [...flags.categories],
  };
  return JSON.stringify(json);
}

function decodeFlag(json: FlagJson): FollowUpFlag {
  const flag: { -readonly [K in keyof FollowUpFlag]: FollowUpFlag[K] } = { status: json.status };
  if (json.flagType !== undefined) flag.flagType = json.flagType;
  for (const key of FLAG_DATES) {
    const value = json[key];
    if (value !== undefined) flag[key] = new Date(value);
  }
  return flag;
}

export function decodeMailFlags(text: string | null): MailFlags {
  if (text === null) return DEFAULT_MAIL_FLAGS;
  const json = JSON.parse(text) as FlagsJson;
  return {
    read: json.read,
    flag: json.flag === null ? null : decodeFlag(json.flag),
    answered: json.answered,
    forwarded: json.forwarded,
    lastVerb: json.lastVerb === null ? null : { verb: json.lastVerb.verb, at: new Date(json.lastVerb.at) },
    categories: json.categories,
  };
}
