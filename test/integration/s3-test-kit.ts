import { S3ObjectStoreFactory, type S3ObjectStoreFactoryOptions } from '../../src/adapters/aws-s3/s3-object-store-factory.js';
import type { ObjectStore } from '../../src/ports/object-store.js';
import type { Logger } from '../../src/ports/logger.js';
import type { S3TestBackend } from '../support/s3-backend.js';

/** Collects warnings so tests can assert on them; the rest is dropped. */
export function memoryLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, error() {}, warn: (m) => void warnings.push(m) };
}

/** Fast back-off so retry paths do not slow the tier down. */
export const fastSleep = async (): Promise<void> => {};

export function basicSource(backend: S3TestBackend, bucket: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 's3_v2', bucket, endpoint: backend.endpoint, region: backend.region,
    access_key_id: backend.credentials.accessKeyId, secret_access_key: backend.credentials.secretAccessKey, ...extra,
  };
}

export async function openStore(source: Record<string, unknown>, options: Partial<S3ObjectStoreFactoryOptions> = {}): Promise<ObjectStore> {
  return new S3ObjectStoreFactory({ logger: memoryLogger(), sleep: fastSleep, ...options }).open(source);
}

export async function readText(store: ObjectStore, key: string): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of store.read(key)) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}

export async function listKeys(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of store.list(prefix)) keys.push(o.key);
  return keys;
}

/** The ImportError (code + message) a promise rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  if (error === undefined) throw new Error('expected a rejection');
  return error as { code: string; message: string };
}
