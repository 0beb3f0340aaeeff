import { ImportError } from '../../domain/errors.js';
import type { ObjectStore, ObjectStoreFactory } from '../../ports/object-store.js';

/** Chooses the ObjectStoreFactory for a config's `in.type`. */
export class ObjectStoreRegistry {
  private readonly byType = new Map<string, ObjectStoreFactory>();

  constructor(factories: readonly ObjectStoreFactory[]) {
    for (const factory of factories) for (const type of factory.types) this.byType.set(type, factory);
  }

  open(source: Readonly<Record<string, unknown>>): Promise<ObjectStore> {
    const type = String(source['type']);
    const factory = this.byType.get(type);
    if (!factory) {
      throw new ImportError('CONFIG_INVALID', `in.type: '${type}' is not available here; use one of ${[...this.byType.keys()].join(', ')}`, {
        details: { key: 'in.type' },
      });
    }
    return factory.open(source);
  }
}
