import { configError } from '../errors.js';
import { stringifyJson } from '../model/json-text.js';
import type { Column, RecordBatch, Value } from '../model/record-batch.js';
import { assertUniqueNames, requireColumn } from './column-lookup.js';
import type { DigestAlgorithm, DigestFilterSpec } from './filter-specs.js';
import type { RecordFilter } from './record-filter.js';

/**
 * Hashes text to lowercase hex. Injected because hashing lives in node:crypto, which the domain must not import
 * (src/adapters/node-crypto-hash.ts provides it). With `hmacKey`, an HMAC of that key instead of a plain digest.
 */
export type HashFunction = (algorithm: DigestAlgorithm, data: string, hmacKey?: string) => string;

interface Digest {
  /** Input column hashed. */
  readonly from: number;
  readonly algorithm: DigestAlgorithm;
}

/** One output vector: an input vector as it is, or the digest of one. */
type Output = { readonly from: number } | { readonly digest: Digest };

/**
 * Digesting (TD's "Digesting Filter"): named columns replaced by (or, with `new_name`, followed by) the hex
 * digest of their text. NULL stays NULL.
 */
export function createDigestFilter(spec: DigestFilterSpec, input: readonly Column[], key: string, hash: HashFunction): RecordFilter {
  const replaced = new Map<number, Digest>();
  const added = new Map<number, { name: string; digest: Digest }[]>();
  spec.columns.forEach((c, j) => {
    const at = `${key}.columns[${j}]`;
    const digest = { from: requireColumn(input, c.name, `${at}.name`), algorithm: c.algorithm ?? spec.algorithm ?? 'SHA-256' };
    if (c.new_name === undefined) {
      if (replaced.has(digest.from)) throw configError(`${at}.name`, `column '${c.name}' is digested twice in place; give one of them a new_name`);
      replaced.set(digest.from, digest);
    } else {
      added.set(digest.from, [...(added.get(digest.from) ?? []), { name: c.new_name, digest }]);
    }
  });
  const columns: Column[] = [];
  const outputs: Output[] = [];
  input.forEach((column, i) => {
    const digest = replaced.get(i);
    columns.push(digest ? { name: column.name, type: 'string' } : column);
    outputs.push(digest ? { digest } : { from: i });
    for (const extra of added.get(i) ?? []) {
      columns.push({ name: extra.name, type: 'string' });
      outputs.push({ digest: extra.digest });
    }
  });
  assertUniqueNames(columns, `${key}.columns`);
  return new DigestFilter(columns, outputs, hash, spec.hmac_key);
}

class DigestFilter implements RecordFilter {
  constructor(
    readonly columns: readonly Column[],
    private readonly outputs: readonly Output[],
    private readonly hash: HashFunction,
    private readonly hmacKey: string | undefined,
  ) {}

  apply(batch: RecordBatch): RecordBatch {
    const vectors = this.outputs.map((o) => ('from' in o ? batch.vectors[o.from]! : this.digestVector(batch.vectors[o.digest.from]!, o.digest.algorithm)));
    return { columns: this.columns, vectors, length: batch.length };
  }

  private digestVector(vector: readonly Value[], algorithm: DigestAlgorithm): Value[] {
    return vector.map((v) => (v === null ? null : this.hash(algorithm, digestText(v), this.hmacKey)));
  }
}

/** The text a cell is hashed as: documented in docs/filters.md so users can reproduce digests elsewhere. */
export function digestText(value: Exclude<Value, null>): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return stringifyJson(value);
  return String(value);
}
