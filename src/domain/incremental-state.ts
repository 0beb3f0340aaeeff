import { formatModifiedTime, type Selection } from './file-selector.js';
import type { ConfigDiff, SelectionOptions } from './model/source-options.js';

/**
 * Computes the next incremental state (Embulk's config diff). The caller saves it only after the table
 * commit, so a failed job never moves the window.
 */
export class IncrementalState {
  next(options: SelectionOptions, selection: Selection): ConfigDiff {
    if (!options.incremental) return { in: {}, out: {} };
    if (options.use_modified_time) {
      return { in: { last_modified_time: formatModifiedTime(selection.windowEnd) }, out: {} };
    }
    const lastPath = selection.lastMatchedKey ?? options.last_path;
    return { in: lastPath === null ? {} : { last_path: lastPath }, out: {} };
  }

  /** Applies a stored config diff over a config's `in` options (the stored state wins). */
  apply<T extends SelectionOptions>(options: T, diff: ConfigDiff | undefined): T {
    if (!diff) return options;
    return { ...options, ...diff.in };
  }
}
