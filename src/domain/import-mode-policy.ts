import type { ImportMode } from './model/import-mode.js';

export type LoadAction = 'append' | 'replace';

/**
 * What each import mode does to the table.
 * - append: add the rows.
 * - replace: swap the table's rows for this run's, atomically (even when the run read zero records).
 * - replace_on_new_data: replace only when this run read at least one record; otherwise leave the table.
 * A run that matched no file never touches the table, whatever the mode.
 */
export class ImportModePolicy {
  loadAction(mode: ImportMode): LoadAction {
    return mode === 'append' ? 'append' : 'replace';
  }

  shouldCommit(mode: ImportMode, recordsRead: number): boolean {
    return !(mode === 'replace_on_new_data' && recordsRead === 0);
  }
}
