import {
  CreateBucketCommand, DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client,
  type StorageClass,
} from '@aws-sdk/client-s3';
import { startMoto } from './moto-server.js';
import { arrangeMotoIam, enableMotoAuth } from './moto-iam.js';

/** MinIO image for testcontainers; the same tag as docker/docker-compose.yml. */
export const MINIO_IMAGE = 'minio/minio:RELEASE.2025-04-22T22-12-26Z';

export interface S3TestBackend {
  /** moto | minio (testcontainers) | environment */
  readonly name: string;
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Present where the backend has IAM + STS AssumeRole with signature checks (moto with IAM auth). */
  readonly iam?: { readonly accountId: string; readonly roleName: string; readonly nobody: S3TestBackend['credentials'] };
  /** Storage classes are kept and Glacier objects refuse GET (moto). */
  readonly glacier: boolean;
  readonly admin: S3Client;
  createBucket(prefix: string): Promise<string>;
  put(bucket: string, key: string, body: Uint8Array | string, storageClass?: string): Promise<void>;
  deleteBucket(bucket: string): Promise<void>;
  stop(): Promise<void>;
}

let counter = 0;

function backendOn(name: string, endpoint: string, region: string, credentials: S3TestBackend['credentials'], extra: Partial<S3TestBackend>, stop: () => Promise<void>): S3TestBackend {
  const admin = new S3Client({
    region, endpoint, forcePathStyle: true, credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    name, endpoint, region, credentials, glacier: false, admin, ...extra,
    async createBucket(prefix) {
      const bucket = `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter++}`.toLowerCase();
      await admin.send(new CreateBucketCommand({ Bucket: bucket }));
      return bucket;
    },
    async put(bucket, key, body, storageClass) {
      await admin.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...(storageClass ? { StorageClass: storageClass as StorageClass } : {}) }));
    },
    async deleteBucket(bucket) {
      for (;;) {
        const page = await admin.send(new ListObjectsV2Command({ Bucket: bucket }));
        const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
        if (keys.length === 0) break;
        await admin.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
      }
      await admin.send(new DeleteBucketCommand({ Bucket: bucket }));
    },
    async stop() {
      admin.destroy();
      await stop();
    },
  };
}

function fromEnvironment(env: NodeJS.ProcessEnv): S3TestBackend | undefined {
  const endpoint = env['S3_IMPORT_TEST_ENDPOINT'];
  if (!endpoint) return undefined;
  const accessKeyId = env['S3_IMPORT_TEST_ACCESS_KEY_ID'] ?? '';
  const secretAccessKey = env['S3_IMPORT_TEST_SECRET_ACCESS_KEY'] ?? '';
  return backendOn('environment', endpoint, env['S3_IMPORT_TEST_REGION'] ?? 'us-east-1', { accessKeyId, secretAccessKey }, {}, async () => {});
}

async function fromTestcontainers(): Promise<S3TestBackend | string> {
  try {
    // Imported lazily: testcontainers fails at import on some Node versions and needs a runtime to do anything.
    const tc = await import('testcontainers');
    await tc.getContainerRuntimeClient();
    const { MinioContainer } = await import('@testcontainers/minio');
    const started = await new MinioContainer(MINIO_IMAGE).start();
    const creds = { accessKeyId: started.getUsername(), secretAccessKey: started.getPassword() };
    return backendOn('minio (testcontainers)', started.getConnectionUrl(), 'us-east-1', creds, {}, async () => void (await started.stop()));
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  }
}

async function fromMoto(): Promise<S3TestBackend | string> {
  const moto = await startMoto();
  if (typeof moto === 'string') return moto;
  try {
    const ids = await arrangeMotoIam(moto.endpoint);
    await enableMotoAuth(moto.endpoint);
    return backendOn('moto', moto.endpoint, 'us-east-1', ids.admin, { iam: { accountId: ids.accountId, roleName: ids.roleName, nobody: ids.nobody }, glacier: true }, () => moto.stop());
  } catch (error) {
    await moto.stop();
    throw error;
  }
}

/**
 * Picks an S3 server for the integration tier, in order: S3_IMPORT_TEST_ENDPOINT (+ _ACCESS_KEY_ID,
 * _SECRET_ACCESS_KEY, _REGION), MinIO via testcontainers, a local moto server. Prints which one runs; when none
 * can, prints why and returns undefined, or throws when CI=true (a CI run must not pass without the tier).
 */
export async function startS3Backend(env: NodeJS.ProcessEnv = process.env): Promise<S3TestBackend | undefined> {
  const picked = await pickS3Backend(env);
  return typeof picked === 'string' ? undefined : picked;
}

/** startS3Backend, with the reason instead of undefined when no server can run. */
async function pickS3Backend(env: NodeJS.ProcessEnv): Promise<S3TestBackend | string> {
  const fromEnv = fromEnvironment(env);
  if (fromEnv) return announce(fromEnv);
  const minio = await fromTestcontainers();
  if (typeof minio !== 'string') return announce(minio);
  console.log(`    skipped MinIO (testcontainers): ${minio}`);
  const moto = await fromMoto();
  if (typeof moto !== 'string') return announce(moto);
  const reason = `no S3_IMPORT_TEST_ENDPOINT, no container runtime (${minio}), and ${moto}`;
  console.log(`\n    !!! NO S3 BACKEND: the S3 integration tier cannot run: ${reason}\n`);
  if (env['CI'] === 'true') throw new Error(`NO S3 BACKEND: the S3 integration tier cannot run: ${reason}`);
  return reason;
}

function announce(backend: S3TestBackend): S3TestBackend {
  console.log(`    S3 integration backend: ${backend.name} at ${backend.endpoint}`);
  return backend;
}

/**
 * startS3Backend for a suite's `before`: the backend, or the suite skipped with its reason printed at the skip
 * (under CI=true a missing backend throws instead of coming here).
 */
export async function s3BackendOrSkip(ctx: Mocha.Context): Promise<S3TestBackend> {
  const picked = await pickS3Backend(process.env);
  if (typeof picked !== 'string') return picked;
  console.log(`    skipped: no S3 protocol server for this suite: ${picked}`);
  return ctx.skip();
}
