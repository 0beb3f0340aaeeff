import { parentPort, workerData } from 'node:worker_threads';
import { NodeContentCodec } from '../../../adapters/codecs/node-content-codec.js';
import { nodeCryptoHash } from '../../../adapters/node-crypto-hash.js';
import { planPipeline } from '../pipeline-plan.js';
import { BufferPool } from '../../../domain/model/packed-batch.js';
import { WorkerFileJob } from './worker-file-job.js';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.js';

// Entry of a parse worker thread (see ../worker-file-processor.ts). The plan is rebuilt from the same inputs as
// on the main thread; it already succeeded there, so config errors cannot first appear here.
const port = parentPort;
if (port === null) throw new Error('parse-worker.ts must run as a worker thread');
const setup = workerData as WorkerSetup;
const plan = planPipeline(setup.config, setup.timeColumn, new Date(setup.uploadTime), nodeCryptoHash);
const codec = new NodeContentCodec();
const jobs = new Map<number, WorkerFileJob>();
const recycled = new BufferPool();
const post = (message: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

port.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    const job = new WorkerFileJob(message.id, message.file, setup, post, recycled, message.localPath, message.part);
    jobs.set(message.id, job);
    void job.run(codec, plan).finally(() => jobs.delete(message.id));
    return;
  }
  const job = jobs.get(message.id);
  if (job === undefined) return;
  if (message.type === 'chunk') job.chunk(message.bytes);
  else if (message.type === 'end') job.end();
  else if (message.type === 'ack') {
    if (message.recycle !== undefined) recycled.give(message.recycle);
    job.ack();
  }
  else job.abort();
});
