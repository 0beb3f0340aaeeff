// A local S3 to try s3-import against: `node scripts/local-s3.mjs start` starts moto (S3 + STS) on 127.0.0.1:5000,
// creates bucket sample-bucket and uploads the sample data; `node scripts/local-s3.mjs stop` stops it by pid.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

process.removeAllListeners('warning'); // the SDK's Node-version notice is noise for this helper script
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pidFile = path.join(root, '.local-s3.pid');
const port = Number(process.env.LOCAL_S3_PORT ?? 5000);
const endpoint = `http://127.0.0.1:${port}`;
const moto = path.join(root, '.venv/bin/moto_server');

if (process.argv[2] === 'stop') {
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(pidFile);
  }
  console.log('local S3 stopped');
  process.exit(0);
}

if (!existsSync(moto)) {
  console.log('installing moto[server] into .venv (once)...');
  execFileSync('python3', ['-m', 'venv', '.venv'], { cwd: root, stdio: 'inherit' });
  execFileSync(path.join(root, '.venv/bin/pip'), ['install', '-q', '-r', 'test/support/requirements-moto.txt'], { cwd: root, stdio: 'inherit' });
}
const child = spawn(moto, ['-H', '127.0.0.1', '-p', String(port)], { detached: true, stdio: 'ignore' });
child.unref();
writeFileSync(pidFile, String(child.pid));

const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example-secret' } });
for (let i = 0; ; i++) {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: 'sample-bucket' }));
    break;
  } catch (error) {
    if (i > 50) throw error;
    await new Promise((r) => setTimeout(r, 200));
  }
}
for (const name of readdirSync(path.join(root, 'examples/data'))) {
  await s3.send(new PutObjectCommand({ Bucket: 'sample-bucket', Key: `path/to/sample_file/${name}`, Body: readFileSync(path.join(root, 'examples/data', name)) }));
}
console.log(`local S3 (moto) at ${endpoint}, pid ${child.pid}; bucket sample-bucket has path/to/sample_file/*`);
console.log('stop it with: node scripts/local-s3.mjs stop');
