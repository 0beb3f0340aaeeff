import { expect } from 'chai';
import type { S3Api, S3ListPage } from '../../../src/adapters/aws-s3/s3-api.js';
import { S3ObjectStore } from '../../../src/adapters/aws-s3/s3-object-store.js';
import { FileSelector } from '../../../src/domain/file-selector.js';
import { SELECTION_DEFAULTS } from '../../support/selection-defaults.js';
import { silentLogger } from './fake-s3-api.js';

/** ListObjectsV2 as S3 answers it: byte-ordered keys, Prefix, StartAfter, pages of 1,000 with a continuation token. */
function bucketOf(keys: string[]): S3Api & { listRequests: number } {
  const sorted = [...keys].sort();
  const api = {
    listRequests: 0,
    async listObjectsV2(input: { Prefix: string; StartAfter?: string; ContinuationToken?: string }): Promise<S3ListPage> {
      api.listRequests++;
      const after = input.ContinuationToken ?? input.StartAfter;
      const matching = sorted.filter((k) => k.startsWith(input.Prefix) && (after === undefined || k > after));
      const page = matching.slice(0, 1000);
      const truncated = matching.length > 1000;
      return {
        Contents: page.map((Key) => ({ Key, Size: 10, LastModified: new Date('2024-01-01T00:00:00Z'), ETag: '"e"', StorageClass: 'STANDARD' })),
        IsTruncated: truncated,
        ...(truncated ? { NextContinuationToken: page[page.length - 1]! } : {}),
      };
    },
    getObject: () => Promise.reject(new Error('not used')),
    headObject: () => Promise.reject(new Error('not used')),
  };
  return api;
}

const options = { ...SELECTION_DEFAULTS, path_prefix: 'logs/', path_match_pattern: '\\.gz$' };

describe('incremental listing over S3', () => {
  const keys = Array.from({ length: 100_000 }, (_, i) => `logs/${String(i).padStart(6, '0')}.gz`);

  it('a run with nothing new over 100,000 keys makes one LIST request', async () => {
    const api = bucketOf(keys);
    const store = new S3ObjectStore({ api, bucket: 'b', retry: { maximumRetries: 0, initialIntervalMillis: 1, maximumIntervalMillis: 1 }, sleep: async () => {}, logger: silentLogger });
    const selection = await new FileSelector(store, { now: () => new Date('2024-02-01T00:00:00Z') }).select({ ...options, last_path: keys[keys.length - 1]! });
    expect(selection.files).to.have.length(0);
    expect(api.listRequests).to.equal(1);
  });

  it('the first run pages through every key (100 requests of 1,000)', async () => {
    const api = bucketOf(keys);
    const store = new S3ObjectStore({ api, bucket: 'b', retry: { maximumRetries: 0, initialIntervalMillis: 1, maximumIntervalMillis: 1 }, sleep: async () => {}, logger: silentLogger });
    const selection = await new FileSelector(store, { now: () => new Date('2024-02-01T00:00:00Z') }).select(options);
    expect(selection.files).to.have.length(100_000);
    expect(api.listRequests).to.equal(100);
  });
});
