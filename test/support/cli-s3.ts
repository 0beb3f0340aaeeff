import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import { runCli, tempHome, type CliResult } from './cli.js';
import { s3BackendOrSkip, type S3TestBackend } from './s3-backend.js';

/** What {@link withS3Backend} hands to the tests of a `describe` once its `before` hook ran. */
export interface CliS3Context {
  /** The running S3 server (moto, MinIO or an env endpoint); throws when read before `before` or when skipped. */
  readonly backend: S3TestBackend;
  /** False before `before` ran and when no backend could start (tests are then skipped). */
  readonly available: boolean;
  /** A temp folder for config files of this describe. */
  readonly dir: string;
  /** A new bucket (deleted in `after`). */
  bucket(prefix: string): Promise<string>;
  /** Writes a YAML config (object or raw text) into {@link CliS3Context.dir}; returns its path. */
  writeConfig(name: string, config: unknown): string;
}

/**
 * Registers mocha `before`/`after` hooks in the calling `describe` that start an S3 backend (see
 * startS3Backend: env endpoint, MinIO, moto) and clean up buckets; the whole describe is skipped, with the
 * reason printed, when no backend can run. Pass `needIam` for tests that need signature checks and STS (moto).
 */
export function withS3Backend(options: { needIam?: boolean } = {}): CliS3Context {
  let backend: S3TestBackend | undefined;
  const buckets: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 's3-import-cli-s3-'));
  before(async function () {
    this.timeout(90_000);
    backend = await s3BackendOrSkip(this);
    if (options.needIam && !backend.iam) {
      console.log(`    skipped: ${backend.name} has no IAM/STS with signature checks (moto has)`);
      return this.skip();
    }
  });
  after(async function () {
    this.timeout(60_000);
    for (const bucket of buckets) await backend?.deleteBucket(bucket).catch(() => undefined);
    await backend?.stop();
  });
  return {
    get backend(): S3TestBackend {
      if (!backend) throw new Error('no S3 backend (the before hook did not run or skipped)');
      return backend;
    },
    get available(): boolean {
      return backend !== undefined;
    },
    dir,
    async bucket(prefix) {
      const name = await this.backend.createBucket(prefix);
      buckets.push(name);
      return name;
    },
    writeConfig(name, config) {
      const file = path.join(dir, name);
      writeFileSync(file, typeof config === 'string' ? config : stringify(config));
      return file;
    },
  };
}

/** Columns of the CSV files made by {@link csvFile}: `id,name`. */
export const CSV_PARSER = {
  type: 'csv', skip_header_lines: 1,
  columns: [{ name: 'id', type: 'long' }, { name: 'name', type: 'string' }],
} as const;

/** A CSV body (`id,name` header) with one row per id; gzip-compressed when `gzip` is set. */
export function csvFile(ids: readonly number[], gzip = false): Buffer {
  const text = ['id,name', ...ids.map((id) => `${id},name-${id}`)].join('\n') + '\n';
  return gzip ? gzipSync(text) : Buffer.from(text, 'utf8');
}

/** A complete `in:` section for s3_v2 on the backend with its admin keys; `extra` overrides or adds keys. */
export function s3In(backend: S3TestBackend, bucket: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 's3_v2', bucket, endpoint: backend.endpoint,
    access_key_id: backend.credentials.accessKeyId, secret_access_key: backend.credentials.secretAccessKey,
    parser: CSV_PARSER, ...extra,
  };
}

/** `issue LOAD --database D --table T --auto-create-table` (+ extra args), json output, in `home`. */
export function issueJson(home: string, load: string, table: string, extra: readonly string[] = []): Promise<CliResult> {
  return runCli(['--format', 'json', 'issue', load, '--database', 'acc', '--table', table, '--auto-create-table', ...extra], { home });
}

/** The ids in table `acc.<table>`, sorted; [] when the table does not exist. */
export async function tableIds(home: string, table: string): Promise<number[]> {
  const tail = await runCli(['--format', 'json', 'table:tail', 'acc', table, '-n', '100000'], { home });
  if (tail.code !== 0) return [];
  const body = tail.json as { columns: { name: string }[]; rows: unknown[][] };
  const at = body.columns.findIndex((c) => c.name === 'id');
  return body.rows.map((r) => Number(r[at])).sort((a, b) => a - b);
}

/** Lines of stdout+stderr that look like a JavaScript stack frame. */
export function stackFrames(result: CliResult): string[] {
  return (result.stdout + result.stderr).split('\n').filter((l) => /^\s+at /.test(l));
}

export { tempHome };

/** An HTTP proxy that records request bodies (e.g. STS AssumeRole form posts) and forwards them. */
export interface RecordingProxy {
  readonly endpoint: string;
  /** Form-decoded bodies of the requests seen, in order. */
  readonly bodies: URLSearchParams[];
  close(): Promise<void>;
}

/** Starts a {@link RecordingProxy} in front of `target` (an http:// endpoint). */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const bodies: URLSearchParams[] = [];
  const upstream = new URL(target);
  // Forwarded with node:http and the original Host header: SigV4 signs the host, so fetch's rewrite would break it.
  const forward = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const body = Buffer.concat(parts);
    bodies.push(new URLSearchParams(body.toString('utf8')));
    await new Promise<void>((resolve, reject) => {
      const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res).on('finish', resolve).on('error', reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  };
  const server = createServer((req, res) => void forward(req, res).catch(() => res.writeHead(502).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
