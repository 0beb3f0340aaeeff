import { z } from 'zod';
import { parseModifiedTime } from '../../domain/file-selector.js';

export const decodersSchema = z
  .array(z.strictObject({ type: z.enum(['gzip', 'bzip2'], { message: 'decoder type must be gzip or bzip2' }) }))
  .nullable()
  .default(null);

/** embulk-input-s3 selection keys plus ours (min_object_age_seconds, incremental_strategy, on_no_files). */
export const selectionFields = {
  path_prefix: z.string().nullable().default(null),
  path: z.string().min(1).nullable().default(null),
  path_match_pattern: z.string().nullable().default(null),
  total_file_count_limit: z.number().int().positive().nullable().default(null),
  min_task_size: z.number().int().min(0).default(0),
  last_path: z.string().nullable().default(null),
  incremental: z.boolean().default(true),
  use_modified_time: z.boolean().default(false),
  last_modified_time: z
    .string()
    .nullable()
    .default(null)
    .refine((v) => v === null || parseModifiedTime(v) !== undefined, {
      message: "must look like 2019-06-03T10:30:19.806Z (yyyy-MM-dd'T'HH:mm:ss.SSS'Z', UTC)",
    }),
  skip_glacier_objects: z.boolean().default(false),
  min_object_age_seconds: z.number().int().min(0).default(0),
  incremental_strategy: z.enum(['name', 'time', 'ledger']).optional(),
  on_no_files: z.enum(['ok', 'fail']).default('ok'),
};
