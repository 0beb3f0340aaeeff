import type { HashFunction } from '../domain/filters/digest-filter.js';
import type { Clock, IdGenerator } from '../ports/clock.js';
import type { ContentCodec } from '../ports/content-codec.js';
import type { JobStore } from '../ports/job-store.js';
import type { Logger, ProgressReporter } from '../ports/logger.js';
import type { LoadLedger, StateStore } from '../ports/state-store.js';
import type { TableStore } from '../ports/table-store.js';
import type { ObjectStoreRegistry } from './pipeline/object-store-registry.js';

/** The collaborators of the import use cases, resolved once by the composition root. */
export interface ImportServices {
  readonly objectStores: ObjectStoreRegistry;
  readonly tableStore: TableStore;
  readonly stateStore: StateStore;
  readonly ledger: LoadLedger;
  readonly jobStore: JobStore;
  readonly codec: ContentCodec;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly progress: ProgressReporter;
  readonly hash: HashFunction;
}
