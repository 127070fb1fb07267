// The command set the server offers: every command module's definition, built from the shared
// dependencies. app.ts registers what this returns; OPTIONS lists exactly these.
import type { CommandDeps } from './command-deps.js';
import type { CommandDefinition } from './registry.js';

export function createCommandSet(deps: CommandDeps): CommandDefinition[] {
  void deps;
  return [];
}
