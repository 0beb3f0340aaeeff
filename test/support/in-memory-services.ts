import { NodeContentCodec } from '../../src/adapters/codecs/node-content-codec.js';
import { InMemoryJobStore } from '../../src/adapters/in-memory/in-memory-job-store.js';
import { InMemoryLoadLedger } from '../../src/adapters/in-memory/in-memory-load-ledger.js';
import { InMemoryObjectStore } from '../../src/adapters/in-memory/in-memory-object-store.js';
import { InMemoryStateStore } from '../../src/adapters/in-memory/in-memory-state-store.js';
import { InMemoryTableStore } from '../../src/adapters/in-memory/in-memory-table-store.js';
import { nodeCryptoHash } from '../../src/adapters/node-crypto-hash.js';
import { MemoryLogger } from '../../src/adapters/system/console-logger.js';
import { NullProgress } from '../../src/adapters/system/null-progress.js';
import { TimeSortableIdGenerator } from '../../src/adapters/system/system-clock.js';
import type { ImportServices } from '../../src/app/import-services.js';
import { ObjectStoreRegistry } from '../../src/app/pipeline/object-store-registry.js';
import type { ObjectStore } from '../../src/ports/object-store.js';
import type { TableStore } from '../../src/ports/table-store.js';

export interface TestServices extends ImportServices {
  readonly bucket: InMemoryObjectStore;
  readonly tables: InMemoryTableStore;
  readonly logs: MemoryLogger;
  readonly state: InMemoryStateStore;
  readonly jobs: InMemoryJobStore;
}

/** The import services over in-memory adapters; `in.type: file` reads the in-memory bucket. */
export function inMemoryServices(overrides: { tableStore?: TableStore; now?: () => Date } = {}): TestServices {
  const bucket = new InMemoryObjectStore();
  const tables = new InMemoryTableStore();
  const logs = new MemoryLogger();
  const clock = { now: overrides.now ?? (() => new Date()) };
  const state = new InMemoryStateStore(clock);
  const jobs = new InMemoryJobStore();
  const unclosable: ObjectStore = Object.assign(Object.create(bucket) as ObjectStore, { close: async () => {} });
  return {
    bucket,
    tables,
    logs,
    state,
    jobs,
    objectStores: new ObjectStoreRegistry([{ types: ['file'], open: async () => unclosable }]),
    tableStore: overrides.tableStore ?? tables,
    stateStore: state,
    ledger: new InMemoryLoadLedger(),
    jobStore: jobs,
    codec: new NodeContentCodec(),
    clock,
    ids: new TimeSortableIdGenerator(clock),
    logger: logs,
    progress: new NullProgress(),
    hash: nodeCryptoHash,
  };
}
