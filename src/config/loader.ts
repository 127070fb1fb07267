// Loads the configuration once at start-up: file (optional) < environment < CLI flags, then
// one validation pass that reports every bad key at once, then a deep freeze. Nothing here
// runs on import; the caller passes the environment in so tests need not touch process.env.
import { dirname, resolve } from 'node:path';
import { readConfigFile } from './config-file.js';
import { ConfigError } from './config-error.js';
import { deepFreeze } from './deep-freeze.js';
import { defaultIssueMessage, formatIssues } from './issue-format.js';
import { configSchema, type PushbridgeConfig } from './schema.js';

/** Values given as CLI flags (--host, --port, --data); they win over file and environment. */
export interface ConfigOverrides {
  host?: string;
  /** A string as typed on the command line, or a number. */
  port?: string | number;
  dataDir?: string;
}

export interface LoadConfigOptions {
  /** Path of a JSON configuration file; relative paths are taken from `cwd`. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  overrides?: ConfigOverrides;
  /** Base for relative paths given on the command line or in the environment (default process.cwd()). */
  cwd?: string;
}

interface Setting {
  path: readonly [string, string];
  env?: string;
  flag?: { key: keyof ConfigOverrides; label: string };
  numeric?: boolean;
}

const SETTINGS: readonly Setting[] = [
  { path: ['server', 'host'], env: 'PUSHBRIDGE_HOST', flag: { key: 'host', label: '--host' } },
  { path: ['server', 'port'], env: 'PUSHBRIDGE_PORT', flag: { key: 'port', label: '--port' }, numeric: true },
  { path: ['server', 'dataDir'], env: 'PUSHBRIDGE_DATA_DIR', flag: { key: 'dataDir', label: '--data' } },
  { path: ['log', 'level'], env: 'PUSHBRIDGE_LOG_LEVEL' },
];

type RawObject = Record<string, unknown>;

function isRawObject(value: unknown): value is RawObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// A numeric setting typed as text stays text when it is not a plain integer, so validation can
// report it as found ("got \"abc\"") instead of a silent NaN.
function asSettingValue(value: string | number, numeric: boolean): string | number {
  if (typeof value === 'number' || !numeric) return value;
  return /^\s*\d+\s*$/.test(value) ? Number(value) : value;
}

function applySetting(raw: unknown, [section, key]: readonly [string, string], value: unknown): unknown {
  // A file whose top level or section is not an object is reported by validation as it is.
  if (!isRawObject(raw)) return raw;
  const current = raw[section];
  if (current !== undefined && !isRawObject(current)) return raw;
  return { ...raw, [section]: { ...current, [key]: value } };
}

function pickSetting(setting: Setting, env: NodeJS.ProcessEnv, overrides: ConfigOverrides): { value: string | number; label: string } | undefined {
  const fromFlag = setting.flag === undefined ? undefined : overrides[setting.flag.key];
  if (setting.flag !== undefined && fromFlag !== undefined) return { value: fromFlag, label: setting.flag.label };
  const fromEnv = setting.env === undefined ? undefined : env[setting.env];
  // An empty variable counts as unset: compose files and shells often leave them empty.
  if (setting.env !== undefined && fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, label: setting.env };
  return undefined;
}

function layerSettings(raw: unknown, env: NodeJS.ProcessEnv, overrides: ConfigOverrides, sources: Map<string, string>): unknown {
  let merged = raw;
  for (const setting of SETTINGS) {
    const chosen = pickSetting(setting, env, overrides);
    if (chosen === undefined) continue;
    merged = applySetting(merged, setting.path, asSettingValue(chosen.value, setting.numeric === true));
    sources.set(setting.path.join('.'), chosen.label);
  }
  return merged;
}

function dataDirInFile(fromFile: unknown): boolean {
  return isRawObject(fromFile) && isRawObject(fromFile.server) && fromFile.server.dataDir !== undefined;
}

/**
 * Loads, validates and freezes the configuration. Throws ConfigError (never anything else for
 * bad input) with one line per problem, each naming its key path.
 */
export function loadConfig(options: LoadConfigOptions = {}): PushbridgeConfig {
  const cwd = options.cwd ?? process.cwd();
  const file = options.file === undefined ? undefined : resolve(cwd, options.file);
  const fromFile = file === undefined ? {} : readConfigFile(file);
  const sources = new Map<string, string>();
  const raw = layerSettings(fromFile, options.env ?? {}, options.overrides ?? {}, sources);

  const result = configSchema.safeParse(raw, { reportInput: true, error: defaultIssueMessage });
  if (!result.success) {
    const summary = file === undefined ? 'invalid configuration' : `invalid configuration in ${file}`;
    throw new ConfigError(summary, formatIssues(result.error.issues, configSchema, sources));
  }

  // A relative dataDir in the file is relative to the file, so the service does not depend on
  // the directory it was started from; one from a flag or the environment is relative to cwd.
  const config = result.data;
  const base = file !== undefined && dataDirInFile(fromFile) && !sources.has('server.dataDir') ? dirname(file) : cwd;
  config.server.dataDir = resolve(base, config.server.dataDir);
  return deepFreeze(config);
}
