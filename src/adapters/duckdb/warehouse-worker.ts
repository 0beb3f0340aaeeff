import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { serializeError } from '../../domain/errors.js';
import { movedBuffers, unpackedBatch } from '../../domain/model/packed-batch.js';
import type { TableLoad, TableStore } from '../../ports/table-store.js';
import { DuckDbTableStore } from './duckdb-table-store.js';
import type { FromWarehouse, ToWarehouse, WarehouseSetup } from './warehouse-protocol.js';

// Entry of the warehouse thread (see warehouse-thread.ts): it owns the DuckDB instance of one warehouse file and
// serves the main thread's TableStore calls, so DuckDB's appends (and the compression they run) do not take
// turns with parsing on the main thread.
if (parentPort === null) throw new Error('warehouse-worker.ts must run as a worker thread');
const port: MessagePort = parentPort;
const setup = workerData as WarehouseSetup;
const ORIGIN = 'warehouse thread';
const post = (message: FromWarehouse, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

const loads = new Map<number, TableLoad>();
let writes = 0;

function answer(id: number, work: () => Promise<unknown>, then?: () => void): void {
  work().then(
    (value) => post({ type: 'result', id, value }),
    (error: unknown) => post({ type: 'error', id, error: serializeError(error, ORIGIN) }),
  ).finally(then);
}

function serve(store: TableStore): void {
  port.on('message', (message: ToWarehouse) => {
    switch (message.type) {
      case 'call': {
        const method = store[message.method] as (...args: unknown[]) => Promise<unknown>;
        // After close the thread ends: its port closes once the answer is out.
        answer(message.id, () => method.apply(store, [...message.args]), message.method === 'close' ? () => port.close() : undefined);
        return;
      }
      case 'begin':
        answer(message.id, async () => {
          loads.set(message.id, await store.beginLoad(message.ref, message.mode));
          return message.id;
        });
        return;
      case 'write': {
        // Fault injection for the thread-death test: the thread ends as if DuckDB had crashed it.
        if (setup.exitAfterWrites !== undefined && ++writes > setup.exitAfterWrites) process.exit(70);
        const load = loads.get(message.load)!;
        // DuckDbTableLoad runs its writes one after the other in the order they were called.
        load.write(unpackedBatch(message.batch)).then(
          () => {
            const recycle = movedBuffers(message.batch);
            post({ type: 'written', load: message.load, recycle }, recycle);
          },
          (error: unknown) => post({ type: 'failed', load: message.load, error: serializeError(error, ORIGIN) }),
        );
        return;
      }
      case 'commit':
      case 'abort': {
        const load = loads.get(message.load)!;
        loads.delete(message.load);
        answer(message.id, () => (message.type === 'commit' ? load.commit() : load.abort()));
        return;
      }
    }
  });
  post({ type: 'ready' });
}

try {
  serve(await DuckDbTableStore.open(setup.path, setup.options));
} catch (error) {
  // Nothing to serve: the main thread rejects the open with this error, and the thread ends once its port closes.
  post({ type: 'opening-failed', error: serializeError(error, ORIGIN) });
  port.close();
}
