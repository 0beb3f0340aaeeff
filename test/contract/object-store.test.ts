import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InMemoryObjectStore } from '../../src/adapters/in-memory/in-memory-object-store.js';
import { LocalFsObjectStore } from '../../src/adapters/local-fs/local-fs-object-store.js';
import { describeObjectStoreContract } from '../../src/testing/object-store-contract.js';

describeObjectStoreContract('in-memory', async () => {
  const store = new InMemoryObjectStore(1024);
  return {
    store,
    put: async (key, body, options) => void store.put(key, body, options ?? {}),
    cleanup: async () => {},
  };
});

for (const syncReads of [false, true]) {
  // Blocking reads are what a parse worker uses (it reads local files itself); both modes keep the contract.
  describeObjectStoreContract(syncReads ? 'local-fs (blocking reads, as in a parse worker)' : 'local-fs', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 's3-import-fs-'));
    return {
      store: new LocalFsObjectStore(root, { syncReads }),
      put: async (key, body) => {
        const file = path.join(root, key);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, body);
      },
      cleanup: () => rm(root, { recursive: true, force: true }),
    };
  });
}
