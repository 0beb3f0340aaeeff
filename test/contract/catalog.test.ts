import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryAuthenticationStore } from '../../src/adapters/in-memory/in-memory-authentication-store.js';
import { InMemoryJobStore } from '../../src/adapters/in-memory/in-memory-job-store.js';
import { InMemoryLoadLedger } from '../../src/adapters/in-memory/in-memory-load-ledger.js';
import { InMemoryScheduleStore } from '../../src/adapters/in-memory/in-memory-schedule-store.js';
import { InMemoryStateStore } from '../../src/adapters/in-memory/in-memory-state-store.js';
import { SecretBox } from '../../src/adapters/crypto/secret-box.js';
import { SqliteCatalog } from '../../src/adapters/sqlite/sqlite-catalog.js';
import { describeAuthenticationStoreContract } from '../../src/testing/authentication-store-contract.js';
import { describeJobStoreContract } from '../../src/testing/job-store-contract.js';
import { describeLoadLedgerContract } from '../../src/testing/load-ledger-contract.js';
import { describeScheduleStoreContract } from '../../src/testing/schedule-store-contract.js';
import { describeStateStoreContract, type CatalogFixture } from '../../src/testing/state-store-contract.js';

const noop = async (): Promise<void> => {};
const inMemory = <T>(store: T) => async (): Promise<CatalogFixture<T>> => ({ store, cleanup: noop });

describeStateStoreContract('in-memory', () => inMemory(new InMemoryStateStore())());
describeLoadLedgerContract('in-memory', () => inMemory(new InMemoryLoadLedger())());
describeJobStoreContract('in-memory', () => inMemory(new InMemoryJobStore())());
describeScheduleStoreContract('in-memory', () => inMemory(new InMemoryScheduleStore())());
describeAuthenticationStoreContract('in-memory', () => inMemory(new InMemoryAuthenticationStore())());

/** A fresh catalog file in a temp folder per test, removed afterwards. */
function sqlite<T>(pick: (catalog: SqliteCatalog) => T) {
  return async (): Promise<CatalogFixture<T>> => {
    const dir = await mkdtemp(join(tmpdir(), 's3-import-catalog-'));
    const catalog = SqliteCatalog.open(join(dir, 'catalog.sqlite'), { secretBox: SecretBox.fromKey(Buffer.alloc(32, 7)) });
    return {
      store: pick(catalog),
      cleanup: async () => {
        catalog.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  };
}

describeStateStoreContract('sqlite', sqlite((c) => c.stateStore));
describeLoadLedgerContract('sqlite', sqlite((c) => c.ledger));
describeJobStoreContract('sqlite', sqlite((c) => c.jobStore));
describeScheduleStoreContract('sqlite', sqlite((c) => c.scheduleStore));
describeAuthenticationStoreContract('sqlite', sqlite((c) => c.authenticationStore));
