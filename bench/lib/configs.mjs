// Load configs for the bench imports: the same parser for the local folder and for S3, only `in` differs.
import { COLUMNS } from './generate.mjs';

const CSV_PARSER = {
  type: 'csv', charset: 'UTF-8', newline: 'LF', delimiter: ',', quote: '"', escape: '"', skip_header_lines: 1,
  columns: COLUMNS,
};
const JSONL_PARSER = { type: 'jsonl', charset: 'UTF-8', columns: COLUMNS };

/**
 * A load config. `where` is {type:'file', prefix} or {type:'s3', prefix, bucket, endpoint};
 * `exec` may carry max_threads and parse_workers (the latter only when the config schema knows it).
 */
export function loadConfig(where, { format = 'csv', exec = {} } = {}) {
  const parser = format === 'jsonl' ? JSONL_PARSER : CSV_PARSER;
  const source = where.type === 'file'
    ? { type: 'file', path_prefix: where.prefix }
    : {
      type: 's3_v2', bucket: where.bucket, path_prefix: where.prefix, endpoint: where.endpoint, region: 'us-east-1',
      // moto accepts any keys when its IAM auth is off; these are not secrets.
      access_key_id: 'bench', secret_access_key: 'bench', maximum_retries: 0,
    };
  return { in: { ...source, parser }, out: { mode: 'append' }, exec };
}
