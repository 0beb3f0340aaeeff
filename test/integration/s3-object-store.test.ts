import { describeObjectStoreContract } from '../../src/testing/object-store-contract.js';
import { s3BackendOrSkip, type S3TestBackend } from '../support/s3-backend.js';
import { basicSource, openStore } from './s3-test-kit.js';

describe('S3ObjectStore on a real S3 protocol server', function () {
  let backend: S3TestBackend | undefined;
  before(async function () {
    backend = await s3BackendOrSkip(this);
  });
  after(async () => {
    await backend?.stop();
  });

  describeObjectStoreContract('S3ObjectStore', async () => {
    const b = backend!;
    const bucket = await b.createBucket('contract');
    const store = await openStore(basicSource(b, bucket, { maximum_retries: 2, initial_retry_interval_millis: 10 }));
    return {
      store,
      put: (key, body, options) => b.put(bucket, key, body, options?.storageClass),
      cleanup: async () => {
        await store.close();
        await b.deleteBucket(bucket);
      },
    };
  });
});
