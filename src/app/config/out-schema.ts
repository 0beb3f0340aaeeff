import { z } from 'zod';
import { IMPORT_MODES } from '../../domain/model/import-mode.js';
import { isIanaTimeZone } from '../../domain/time-zones.js';

const ianaZone = z.string().refine(isIanaTimeZone, {
  message: 'use an IANA time zone name such as Asia/Tokyo or America/Los_Angeles (abbreviations like PST are not accepted)',
});

export const outSchema = z
  .strictObject({
    type: z.string().optional(),
    mode: z.enum(IMPORT_MODES, { message: `mode must be one of ${IMPORT_MODES.join(', ')}` }).default('append'),
    time_column: z.string().min(1).nullable().default(null),
    default_timezone: ianaZone.default('UTC'),
  })
  .default({ mode: 'append', time_column: null, default_timezone: 'UTC' });

export const execSchema = z
  .strictObject({
    max_threads: z.number().int().min(1).max(256).default(16),
    min_output_tasks: z.number().int().optional(),
    /** Worker threads for decompress/parse/filter; 0 or 1 keeps them on the main thread. Default: min(cores, 4). */
    parse_workers: z.number().int().min(0).max(64).optional(),
  })
  .default({ max_threads: 16 });
