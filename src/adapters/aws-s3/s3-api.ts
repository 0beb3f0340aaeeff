import type { S3Client } from '@aws-sdk/client-s3';

/** The SDK's command classes the store uses (the module is loaded on first use: loadS3Sdk). */
export type S3Sdk = Pick<typeof import('@aws-sdk/client-s3'), 'S3Client' | 'GetObjectCommand' | 'HeadObjectCommand' | 'ListObjectsV2Command'>;

let sdk: Promise<S3Sdk> | undefined;

/**
 * Loads @aws-sdk/client-s3 once, when the first S3 store opens: a job that reads local files, and every command
 * that never touches S3, starts without it (about 90 ms of module loading and 24 MB of RSS).
 */
export function loadS3Sdk(): Promise<S3Sdk> {
  return (sdk ??= import('@aws-sdk/client-s3'));
}

/** A response body: chunks, and a way to release the connection when the reader stops early. */
export interface S3Body extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): void;
}

export interface S3ObjectSummary {
  readonly Key?: string;
  readonly Size?: number;
  readonly LastModified?: Date;
  readonly ETag?: string;
  readonly StorageClass?: string;
}

export interface S3ListPage {
  readonly Contents?: readonly S3ObjectSummary[];
  readonly IsTruncated?: boolean;
  readonly NextContinuationToken?: string;
}

export interface S3GetResult {
  readonly body: S3Body;
  readonly etag?: string;
  readonly contentLength?: number;
  /** `bytes <first>-<last>/<total>` for ranged reads. */
  readonly contentRange?: string;
}

export interface S3HeadResult {
  readonly ContentLength?: number;
  readonly LastModified?: Date;
  readonly ETag?: string;
  readonly StorageClass?: string;
}

/**
 * The three S3 calls the store makes, narrowed from the SDK so unit tests can fake them
 * (network faults, throttling, truncated bodies) without a server.
 */
export interface S3Api {
  listObjectsV2(input: { Bucket: string; Prefix: string; StartAfter?: string; ContinuationToken?: string }, signal?: AbortSignal): Promise<S3ListPage>;
  getObject(input: { Bucket: string; Key: string; Range?: string; IfMatch?: string }, signal?: AbortSignal): Promise<S3GetResult>;
  headObject(input: { Bucket: string; Key: string }, signal?: AbortSignal): Promise<S3HeadResult>;
}

/** The real S3Api over an SDK client. */
export function sdkS3Api(client: S3Client, { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command }: S3Sdk): S3Api {
  const opts = (signal?: AbortSignal): { abortSignal?: AbortSignal } => (signal ? { abortSignal: signal } : {});
  return {
    listObjectsV2: (input, signal) => client.send(new ListObjectsV2Command(input), opts(signal)),
    headObject: (input, signal) => client.send(new HeadObjectCommand(input), opts(signal)),
    async getObject(input, signal) {
      const out = await client.send(new GetObjectCommand(input), opts(signal));
      // In Node the SDK body is an http.IncomingMessage (a Readable): async-iterable and destroyable.
      const body = out.Body as unknown as S3Body | undefined;
      const empty: S3Body = { async *[Symbol.asyncIterator]() {}, destroy() {} };
      return {
        body: body ?? empty,
        ...(out.ETag === undefined ? {} : { etag: out.ETag }),
        ...(out.ContentLength === undefined ? {} : { contentLength: out.ContentLength }),
        ...(out.ContentRange === undefined ? {} : { contentRange: out.ContentRange }),
      };
    },
  };
}
