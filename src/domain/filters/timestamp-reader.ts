import { configError, isImportError } from '../errors.js';
import { compileTimestampParser } from '../timestamp/timestamp-format.js';

export type TimestampReader = (text: string) => Date | null;

/**
 * compileTimestampParser with its config errors re-keyed to the filter setting that holds the format or zone,
 * so the user is told which line of the config to change.
 */
export function compileTimestampReader(format: string, timezone: string, key: string): TimestampReader {
  try {
    return compileTimestampParser(format, timezone);
  } catch (error) {
    if (isImportError(error) && error.code === 'CONFIG_INVALID') {
      throw configError(key, error.message.replace(/^[\w.[\]]+: /, ''), error);
    }
    throw error;
  }
}
