import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Container, ContainerModule } from 'inversify';
import { S3ObjectStoreFactory } from '../adapters/aws-s3/s3-object-store-factory.js';
import { NodeContentCodec } from '../adapters/codecs/node-content-codec.js';
import { DUCKDB_CAPABILITIES, DUCKDB_THREAD_CAPABILITIES, LazyTableStore } from '../adapters/duckdb/lazy-table-store.js';
import { InMemoryAuthenticationStore } from '../adapters/in-memory/in-memory-authentication-store.js';
import { InMemoryJobStore } from '../adapters/in-memory/in-memory-job-store.js';
import { InMemoryLoadLedger } from '../adapters/in-memory/in-memory-load-ledger.js';
import { InMemoryScheduleStore } from '../adapters/in-memory/in-memory-schedule-store.js';
import { InMemoryStateStore } from '../adapters/in-memory/in-memory-state-store.js';
import { InMemoryTableStore } from '../adapters/in-memory/in-memory-table-store.js';
import { LocalFsObjectStoreFactory } from '../adapters/local-fs/local-fs-object-store-factory.js';
import { nodeCryptoHash } from '../adapters/node-crypto-hash.js';
import { SqliteCatalog } from '../adapters/sqlite/sqlite-catalog.js';
import { StderrLogger } from '../adapters/system/console-logger.js';
import { NullProgress } from '../adapters/system/null-progress.js';
import { SystemClock, TimeSortableIdGenerator } from '../adapters/system/system-clock.js';
import { configError } from '../domain/errors.js';
import { AuthenticationStore } from '../ports/authentication-store.js';
import { Clock, IdGenerator } from '../ports/clock.js';
import { ContentCodec } from '../ports/content-codec.js';
import { JobStore } from '../ports/job-store.js';
import { Logger, ProgressReporter } from '../ports/logger.js';
import { ObjectStoreFactory } from '../ports/object-store.js';
import { ScheduleStore } from '../ports/schedule-store.js';
import { LoadLedger, StateStore } from '../ports/state-store.js';
import { TableStore } from '../ports/table-store.js';
import type { ImportServices } from './import-services.js';
import { ObjectStoreRegistry } from './pipeline/object-store-registry.js';
import { S3Import } from './s3-import.js';

/** Tokens the composition root adds on top of the ports' own. */
export const S3ImportToken = Symbol.for('s3-import:S3Import');
export const ImportServicesToken = Symbol.for('s3-import:ImportServices');
export const HashToken = Symbol.for('s3-import:Hash');
export const CatalogToken = Symbol.for('s3-import:SqliteCatalog');

export interface S3ImportOptions {
  /** Holds warehouse.duckdb, catalog.sqlite and master.key. Default: $S3_IMPORT_HOME or ./.s3-import. */
  readonly home?: string;
  /** Resolves relative `in.type: file` paths. Default: process.cwd(). */
  readonly cwd?: string;
  /** Environment for credentials and the master key (only app/cli read it). Default: process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * duckdb (default), duckdb-thread (the same DuckDB file, served by a thread of its own: large imports ~1.3x faster,
   * ~30-80 MB more memory; docs/config-reference.md) or memory. Default: $S3_IMPORT_WAREHOUSE, else duckdb. (The
   * CLI's import commands default to duckdb-thread.)
   */
  readonly warehouse?: Warehouse;
  /** sqlite (default) or memory. */
  readonly catalog?: 'sqlite' | 'memory';
  /** Your own TableStore instead of the built-in ones. */
  readonly tableStore?: TableStore;
  readonly logger?: Logger;
  readonly progress?: ProgressReporter;
  readonly clock?: Clock;
}

export type Warehouse = 'duckdb' | 'duckdb-thread' | 'memory';
const WAREHOUSES: readonly Warehouse[] = ['duckdb', 'duckdb-thread', 'memory'];

/** options.warehouse, else S3_IMPORT_WAREHOUSE, else duckdb; an unknown name is a CONFIG_INVALID error. */
function resolveWarehouse(options: S3ImportOptions, env: Readonly<Record<string, string | undefined>>): Warehouse {
  const chosen = options.warehouse ?? (env['S3_IMPORT_WAREHOUSE'] || undefined) ?? 'duckdb';
  if (!(WAREHOUSES as readonly string[]).includes(chosen)) {
    throw configError(options.warehouse === undefined ? 'S3_IMPORT_WAREHOUSE' : 'warehouse', `unknown warehouse "${chosen}": use ${WAREHOUSES.join(', ')}`);
  }
  return chosen as Warehouse;
}

interface Resolved {
  readonly home: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

function resolveOptions(options: S3ImportOptions): Resolved {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const home = path.resolve(cwd, options.home ?? env['S3_IMPORT_HOME'] ?? '.s3-import');
  return { home, cwd, env };
}

/** Clock, ids, logger, progress, codecs, hashing. */
export function systemModule(options: S3ImportOptions): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<Clock>(Clock).toConstantValue(options.clock ?? new SystemClock());
    bind<IdGenerator>(IdGenerator).toResolvedValue((clock: Clock) => new TimeSortableIdGenerator(clock), [Clock]).inSingletonScope();
    bind<Logger>(Logger).toConstantValue(options.logger ?? new StderrLogger());
    bind<ProgressReporter>(ProgressReporter).toConstantValue(options.progress ?? new NullProgress());
    bind<ContentCodec>(ContentCodec).toConstantValue(new NodeContentCodec());
    bind(HashToken).toConstantValue(nodeCryptoHash);
  });
}

/** Object stores: local folders (in.type: file) and S3 / S3-compatible (in.type: s3_v2, s3). */
export function objectStoreModule(options: S3ImportOptions): ContainerModule {
  const { cwd } = resolveOptions(options);
  return new ContainerModule(({ bind }) => {
    bind<ObjectStoreFactory>(ObjectStoreFactory).toConstantValue(new LocalFsObjectStoreFactory(cwd));
    bind<ObjectStoreFactory>(ObjectStoreFactory)
      .toResolvedValue(
        (logger: Logger, auths: AuthenticationStore) =>
          new S3ObjectStoreFactory({ logger, resolveAuthentication: async (idOrName) => (await auths.get(idOrName))?.settings }),
        [Logger, AuthenticationStore],
      )
      .inSingletonScope();
  });
}

/** The warehouse: the embedded DuckDB file (default), memory, or the host's own TableStore. */
export function warehouseModule(options: S3ImportOptions): ContainerModule {
  const { home, env } = resolveOptions(options);
  const warehouse = options.tableStore ? undefined : resolveWarehouse(options, env);
  return new ContainerModule(({ bind }) => {
    if (options.tableStore) bind<TableStore>(TableStore).toConstantValue(options.tableStore);
    else if (warehouse === 'memory') bind<TableStore>(TableStore).toConstantValue(new InMemoryTableStore());
    // Opened on first use: commands that never touch a table must not take DuckDB's one-process file lock.
    // The DuckDB modules load then too: a command that never opens the warehouse starts ~100 ms sooner.
    else {
      const file = path.join(home, 'warehouse.duckdb');
      const open = warehouse === 'duckdb-thread'
        ? async () => (await import('../adapters/duckdb/warehouse-thread.js')).ThreadedTableStore.open(file)
        : async () => (await import('../adapters/duckdb/duckdb-table-store.js')).DuckDbTableStore.open(file);
      bind<TableStore>(TableStore)
        .toResolvedValue((logger: Logger) => new LazyTableStore(warehouse === 'duckdb-thread' ? DUCKDB_THREAD_CAPABILITIES : DUCKDB_CAPABILITIES, () => {
          logger.debug(`warehouse ${file}: ${warehouse === 'duckdb-thread' ? 'DuckDB on a thread of its own (duckdb-thread)' : 'DuckDB on the main thread (duckdb)'}`);
          return open();
        }), [Logger])
        .inSingletonScope();
    }
  });
}

/** The catalog: state, ledger, jobs, schedules, saved authentications (SQLite file by default). */
export function catalogModule(options: S3ImportOptions): ContainerModule {
  const { home, env } = resolveOptions(options);
  return new ContainerModule(({ bind }) => {
    if (options.catalog === 'memory') {
      bind<StateStore>(StateStore).toConstantValue(new InMemoryStateStore());
      bind<LoadLedger>(LoadLedger).toConstantValue(new InMemoryLoadLedger());
      bind<JobStore>(JobStore).toConstantValue(new InMemoryJobStore());
      bind<ScheduleStore>(ScheduleStore).toConstantValue(new InMemoryScheduleStore());
      bind<AuthenticationStore>(AuthenticationStore).toConstantValue(new InMemoryAuthenticationStore());
      bind<SqliteCatalog | null>(CatalogToken).toConstantValue(null);
      return;
    }
    bind<SqliteCatalog | null>(CatalogToken).toResolvedValue(() => SqliteCatalog.openHome(home, env)).inSingletonScope();
    bind<StateStore>(StateStore).toResolvedValue((c: SqliteCatalog | null) => c!.stateStore, [CatalogToken]);
    bind<LoadLedger>(LoadLedger).toResolvedValue((c: SqliteCatalog | null) => c!.ledger, [CatalogToken]);
    bind<JobStore>(JobStore).toResolvedValue((c: SqliteCatalog | null) => c!.jobStore, [CatalogToken]);
    bind<ScheduleStore>(ScheduleStore).toResolvedValue((c: SqliteCatalog | null) => c!.scheduleStore, [CatalogToken]);
    bind<AuthenticationStore>(AuthenticationStore).toResolvedValue((c: SqliteCatalog | null) => c!.authenticationStore, [CatalogToken]);
  });
}

/** Use cases and the S3Import facade. */
export function applicationModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind<ImportServices>(ImportServicesToken)
      .toResolvedValue(
        (factories: ObjectStoreFactory[], tableStore: TableStore, stateStore: StateStore, ledger: LoadLedger, jobStore: JobStore, codec: ContentCodec, clock: Clock, ids: IdGenerator, logger: Logger, progress: ProgressReporter, hash: ImportServices['hash']) => ({
          objectStores: new ObjectStoreRegistry(factories),
          tableStore,
          stateStore,
          ledger,
          jobStore,
          codec,
          clock,
          ids,
          logger,
          progress,
          hash,
        }),
        [{ serviceIdentifier: ObjectStoreFactory, isMultiple: true }, TableStore, StateStore, LoadLedger, JobStore, ContentCodec, Clock, IdGenerator, Logger, ProgressReporter, HashToken],
      )
      .inSingletonScope();
    bind<S3Import>(S3ImportToken)
      .toResolvedValue(
        (services: ImportServices, scheduleStore: ScheduleStore, authenticationStore: AuthenticationStore, catalog: SqliteCatalog | null) =>
          new S3Import({
            services,
            scheduleStore,
            authenticationStore,
            close: async () => {
              await services.tableStore.close();
              catalog?.close();
            },
          }),
        [ImportServicesToken, ScheduleStore, AuthenticationStore, CatalogToken],
      )
      .inSingletonScope();
  });
}

/** The one composition root. Hosts may load these modules into their own container and rebind any port. */
export async function createContainer(options: S3ImportOptions = {}): Promise<Container> {
  const { home } = resolveOptions(options);
  if (options.warehouse !== 'memory' || options.catalog !== 'memory') mkdirSync(home, { recursive: true });
  const container = new Container();
  await container.load(systemModule(options), catalogModule(options), objectStoreModule(options), warehouseModule(options), applicationModule());
  return container;
}

/** The plain factory for hosts that do not use inversify. */
export async function createS3Import(options: S3ImportOptions = {}): Promise<S3Import> {
  const container = await createContainer(options);
  return container.getAsync<S3Import>(S3ImportToken);
}
