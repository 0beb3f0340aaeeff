import { ImportError } from '../../domain/errors.js';
import type { DecoderType } from '../../domain/model/parser-options.js';

/**
 * The DATA_DECODE error for an object whose compressed bytes cannot be decoded. The message names the key and
 * says what the user can change; `detail` is the decoder's own diagnostic (never contains secrets).
 */
export function decompressionError(key: string, decoder: DecoderType, detail: string, cause?: unknown): ImportError {
  const reason = detail.trim().replace(/\s+/g, ' ').slice(0, 500);
  return new ImportError(
    'DATA_DECODE',
    `Cannot decompress "${key}" as ${decoder}: the data is truncated, corrupt or not ${decoder} (${reason}). ` +
      `Re-upload the object, exclude it with path_match_pattern, or remove the ${decoder} decoder from ` +
      '"decoders" if the object is not compressed that way.',
    { details: { key, decoder }, cause },
  );
}
