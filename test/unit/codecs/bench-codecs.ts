// Throughput of the codecs on ~50 MB of generated CSV in os.tmpdir(): npx tsx test/unit/codecs/bench-codecs.ts (needs bzip2 on PATH, Linux /proc).
import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { NodeContentCodec } from '../../../src/adapters/codecs/node-content-codec.js';

const dir = tmpdir();
const csv = join(dir, 'codecs-bench.csv');
const rows: string[] = [];
for (let i = 0; rows.length < 820000; i += 1) rows.push(`${i},user-${i % 9973},${(i * 7919) % 100003}.${i % 97},2024-01-${String((i % 28) + 1).padStart(2, '0')} 12:${String(i % 60).padStart(2, '0')}:00,"some text ${i % 313}"`);
const text = rows.join('\n') + '\n';
writeFileSync(csv, text);
writeFileSync(csv + '.gz', gzipSync(text));
execFileSync('sh', ['-c', `bzip2 -9 -c ${csv} > ${csv}.bz2`]);
writeFileSync(csv + '.sjis', iconv.encode(text.replace(/user/g, '利用者'), 'cp932'));
const mb = Buffer.byteLength(text) / 1e6;

/** CPU seconds of this process and of its reaped children (fields utime, stime, cutime, cstime; 100 Hz ticks). */
function cpu(): { self: number; children: number } {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ').map(Number);
  return { self: (f[11]! + f[12]!) / 100, children: (f[13]! + f[14]!) / 100 };
}

async function time(label: string, file: string, run: (src: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array | string>): Promise<void> {
  const c0 = cpu();
  const start = process.hrtime.bigint();
  let n = 0;
  for await (const chunk of run(createReadStream(file, { highWaterMark: 1 << 20 }))) n += chunk.length;
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  const c1 = cpu();
  const self = c1.self - c0.self;
  const child = c1.children - c0.children;
  console.log(`${label}: ${(mb / s).toFixed(1)} MB/s wall, ${(mb / (self + child)).toFixed(1)} MB per CPU-s (${mb.toFixed(1)} MB, ${s.toFixed(2)} s wall, node ${self.toFixed(2)} + child ${child.toFixed(2)} CPU-s, ${n} units)`);
}

const fast = new NodeContentCodec();
const js = new NodeContentCodec({ bzip2Command: null });
await time('gunzip (zlib)', csv + '.gz', (s) => fast.decompress(s, { decoders: null, key: 'k' }));
await time(`bunzip2 fast path (${String(fast.bzip2Command)})`, csv + '.bz2', (s) => fast.decompress(s, { decoders: null, key: 'k' }));
await time('bunzip2 bzip2 child', csv + '.bz2', (s) => new NodeContentCodec({ bzip2Command: 'bzip2' }).decompress(s, { decoders: null, key: 'k' }));
await time('bunzip2 pure-JS fallback', csv + '.bz2', (s) => js.decompress(s, { decoders: null, key: 'k' }));
await time('UTF-8 decode', csv, (s) => fast.decodeText(s, { charset: 'UTF-8', key: 'k' }));
await time('MS932 decode (iconv-lite; MB of UTF-8 input size)', csv + '.sjis', (s) => fast.decodeText(s, { charset: 'MS932', key: 'k' }));
for (const f of ['', '.gz', '.bz2', '.sjis']) rmSync(csv + f);
