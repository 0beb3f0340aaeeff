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

const localFsModes = [
  { name: 'local-fs', options: {} },
  // Blocking reads are what a parse worker uses (it reads local files itself).
  { name: 'local-fs (blocking reads, as in a parse worker)', options: { syncReads: true } },
  // By default files up to 1 MiB are read with blocking calls; with 0 every read streams.
  { name: 'local-fs (every read streamed)', options: { smallReadBytes: 0 } },
];
for (const mode of localFsModes) {
  describeObjectStoreContract(mode.name, async () => {
    const root = await mkdtemp(path.join(tmpdir(), 's3-import-fs-'));
    return {
      store: new LocalFsObjectStore(root, mode.options),
      put: async (key, body) => {
        const file = path.join(root, key);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, body);
      },
      cleanup: () => rm(root, { recursive: true, force: true }),
    };
  });
}
