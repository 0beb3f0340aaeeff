import type { CliCommand } from '../cli-command.js';
import { authCreateCommand, authDeleteCommand, authListCommand, authShowCommand } from './auth-commands.js';
import { guessCommand, issueCommand, previewCommand } from './import-commands.js';
import { jobRejectsCommand, jobShowCommand } from './job-commands.js';
import { scheduleCommands } from './schedule-commands.js';
import {
  dbCreateCommand,
  dbDeleteCommand,
  dbListCommand,
  tableCreateCommand,
  tableDeleteCommand,
  tableListCommand,
  tableShowCommand,
  tableTailCommand,
} from './warehouse-commands.js';

/** Every verb of CLI.md; each also answers to `connector:<name>`. */
export const COMMANDS: readonly CliCommand[] = [
  guessCommand,
  previewCommand,
  issueCommand,
  ...scheduleCommands,
  jobShowCommand,
  jobRejectsCommand,
  authCreateCommand,
  authListCommand,
  authShowCommand,
  authDeleteCommand,
  dbListCommand,
  dbCreateCommand,
  dbDeleteCommand,
  tableListCommand,
  tableCreateCommand,
  tableShowCommand,
  tableTailCommand,
  tableDeleteCommand,
];

export function findCommand(name: string): CliCommand | undefined {
  const bare = name.startsWith('connector:') ? name.slice('connector:'.length) : name;
  return COMMANDS.find((c) => c.name === bare);
}
