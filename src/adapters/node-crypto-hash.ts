import { createHmac, hash } from 'node:crypto';
import type { DigestAlgorithm } from '../domain/filters/filter-specs.js';
import type { HashFunction } from '../domain/filters/digest-filter.js';

const NODE_NAMES: Record<DigestAlgorithm, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-512': 'sha512' };

/** The digest filter's hash, by node:crypto: lowercase hex of the UTF-8 bytes of `data`. */
export const nodeCryptoHash: HashFunction = (algorithm, data, hmacKey) => {
  const name = NODE_NAMES[algorithm];
  // One-shot crypto.hash: 1.3 us per value against 4.6 us for createHash (docs/decisions/filters.md).
  if (hmacKey === undefined) return hash(name, data, 'hex');
  return createHmac(name, hmacKey).update(data, 'utf8').digest('hex');
};
