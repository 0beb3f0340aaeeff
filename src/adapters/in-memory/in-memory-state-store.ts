import { ImportError } from '../../domain/errors.js';
import type { ConfigDiff } from '../../domain/model/source-options.js';
import type { Clock } from '../../ports/clock.js';
import type { StateStore, StoredState } from '../../ports/state-store.js';

const systemClock: Clock = { now: () => new Date() };

/** StateStore in process memory (tests, embedding hosts, one-off runs). */
export class InMemoryStateStore implements StateStore {
  private readonly states = new Map<string, StoredState>();

  constructor(private readonly clock: Clock = systemClock) {}

  async get(sourceId: string): Promise<StoredState | undefined> {
    const state = this.states.get(sourceId);
    return state && structuredClone(state);
  }

  async put(sourceId: string, configDiff: ConfigDiff, expectedVersion: number): Promise<number> {
    const current = this.states.get(sourceId)?.version ?? 0;
    if (current !== expectedVersion) throw stateConflict(sourceId, expectedVersion, current);
    const version = current + 1;
    this.states.set(sourceId, { configDiff: structuredClone(configDiff), version, updatedAt: this.clock.now() });
    return version;
  }

  async delete(sourceId: string): Promise<void> {
    this.states.delete(sourceId);
  }
}

/** The STATE_CONFLICT error both catalog adapters throw. */
export function stateConflict(sourceId: string, expected: number, actual: number): ImportError {
  return new ImportError(
    'STATE_CONFLICT',
    `the incremental state of ${JSON.stringify(sourceId)} changed while this job ran (expected version ${expected}, found ${actual}): another run of the same source committed first; run again to pick up from the new state`,
    { details: { sourceId, expectedVersion: expected, actualVersion: actual } },
  );
}
