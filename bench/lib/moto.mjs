// A local moto S3 server for the bench (the same binary the integration tests use), and uploads to it.
/* global fetch -- Node 20 has fetch built in; eslint only knows it for TypeScript files. */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const MOTO_BINARY = '.venv/bin/moto_server';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts moto on 127.0.0.1; returns { endpoint, bucket, client, stop } or a string saying why it cannot. */
export async function startMotoBucket() {
  if (!existsSync(MOTO_BINARY)) return `${MOTO_BINARY} not found (python3 -m venv .venv && .venv/bin/pip install -r test/support/requirements-moto.txt)`;
  const port = await freePort();
  const child = spawn(MOTO_BINARY, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () => new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${endpoint}/moto-api/data.json`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      return `moto_server did not start on ${endpoint}`;
    }
    await sleep(100);
  }
  const client = new S3Client({
    region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bucket = 'bench';
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return { endpoint, bucket, client, stop: async () => { client.destroy(); await stop(); } };
}

/** Uploads one file, or every file of a folder (8 at a time), under `prefix`. */
export async function upload(moto, localPath, key) {
  await moto.client.send(new PutObjectCommand({ Bucket: moto.bucket, Key: key, Body: readFileSync(localPath) }));
}

export async function uploadFolder(moto, dir, prefix) {
  const names = readdirSync(dir).sort();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      await upload(moto, join(dir, name), `${prefix}${name}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}
