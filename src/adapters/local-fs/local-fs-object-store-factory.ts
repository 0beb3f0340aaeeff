import type { ObjectStore, ObjectStoreFactory } from '../../ports/object-store.js';
import { LocalFsObjectStore } from './local-fs-object-store.js';

/** `in.type: file`: path_prefix is a local path prefix, relative to `cwd` or absolute. */
export class LocalFsObjectStoreFactory implements ObjectStoreFactory {
  readonly types = ['file'] as const;

  constructor(private readonly cwd: string) {}

  async open(): Promise<ObjectStore> {
    return new LocalFsObjectStore(this.cwd);
  }
}
