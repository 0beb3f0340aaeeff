import { ImportError } from '../errors.js';
import type { ParseContext } from './record-parser.js';

const RAW_LIMIT = 4096;

/**
 * Reports one invalid record: to onReject, and with stop_on_invalid_record as a DATA_INVALID_RECORD error
 * (Embulk's "Skipped line FILE:N (reason): line" wording, plus what to change).
 */
export function reportInvalid(context: ParseContext, stop: boolean, line: number, reason: string, raw: string): void {
  const clipped = raw.length > RAW_LIMIT ? raw.slice(0, RAW_LIMIT) : raw;
  context.onReject({ file: context.file, line, reason, raw: clipped });
  if (stop) {
    const shown = clipped.length > 200 ? `${clipped.slice(0, 200)}...` : clipped;
    throw new ImportError(
      'DATA_INVALID_RECORD',
      `Skipped line ${context.file}:${line} (${reason}): ${shown}\n` +
        'Fix the record or the parser columns, or set stop_on_invalid_record: false to skip invalid records and report them.',
      { details: { file: context.file, line, reason } },
    );
  }
}
