import type { Logger } from '../../ports/logger.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { S3ObjectStoreFactory } from '../aws-s3/s3-object-store-factory.js';
import type { Sleep } from '../aws-s3/s3-retry.js';

/** What a MinIO server needs beyond the S3 keys; everything else is the S3 adapter unchanged. */
export interface MinioConnection {
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region?: string;
}

/**
 * The `in:` connection keys for MinIO: path-style addressing (MinIO has no virtual-host buckets by default)
 * and region us-east-1 (MinIO's default), with basic auth.
 */
export function minioSettings(connection: MinioConnection): Record<string, unknown> {
  return {
    type: 's3_v2',
    bucket: connection.bucket,
    endpoint: connection.endpoint,
    // Without region the S3 adapter signs for us-east-1, MinIO's default, and does not warn about endpoint+region.
    ...(connection.region === undefined ? {} : { region: connection.region }),
    force_path_style: true,
    auth_method: 'basic',
    access_key_id: connection.accessKeyId,
    secret_access_key: connection.secretAccessKey,
  };
}

/** Opens an ObjectStore on a MinIO bucket (the S3 adapter with the MinIO preset). */
export async function openMinioObjectStore(connection: MinioConnection, options: { logger: Logger; sleep?: Sleep }): Promise<ObjectStore> {
  return new S3ObjectStoreFactory(options).open(minioSettings(connection));
}
