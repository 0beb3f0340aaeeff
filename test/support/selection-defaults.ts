import type { SelectionOptions } from '../../src/domain/model/source-options.js';

/** Selection options as the config schema resolves them when a load.yml sets only path_prefix. */
export const SELECTION_DEFAULTS: SelectionOptions = {
  path_prefix: '',
  path: null,
  path_match_pattern: null,
  total_file_count_limit: null,
  min_task_size: 0,
  last_path: null,
  incremental: true,
  use_modified_time: false,
  last_modified_time: null,
  skip_glacier_objects: false,
  min_object_age_seconds: 0,
  incremental_strategy: 'name',
  on_no_files: 'ok',
};
