import { expect } from 'chai';
import { NodeContentCodec } from '../../../src/adapters/codecs/node-content-codec.js';
import { nodeCryptoHash } from '../../../src/adapters/node-crypto-hash.js';
import { loadImportConfig } from '../../../src/app/config/load-config.js';
import { AUTO_WORKERS_MIN_AVERAGE_BYTES, chooseFileProcessor, parseWorkerCount, WORKER_MIN_SINGLE_FILE_BYTES } from '../../../src/app/pipeline/choose-file-processor.js';
import { InThreadFileProcessor } from '../../../src/app/pipeline/in-thread-file-processor.js';
import { planPipeline } from '../../../src/app/pipeline/pipeline-plan.js';
import { WorkerFileProcessor } from '../../../src/app/pipeline/worker-file-processor.js';
import { isImportError } from '../../../src/domain/errors.js';
import type { ImportConfig } from '../../../src/domain/model/import-config.js';
import type { ContentCodec } from '../../../src/ports/content-codec.js';
import { csvConfig } from './worker-fixtures.js';

const now = new Date('2024-01-01T00:00:00Z');
const small = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `data/${i}.csv`, size: 1000, lastModified: now }));

function choose(config: ImportConfig, files = small(3), codec: ContentCodec = new NodeContentCodec(), hash = nodeCryptoHash) {
  const plan = planPipeline(config, null, now, hash);
  return chooseFileProcessor({ config, source: config.in, plan, timeColumn: null, uploadTime: now, files, codec, hash });
}

describe('choosing where files are parsed (exec.parse_workers)', () => {
  it('uses workers for several files or one big file when parse_workers >= 2', async () => {
    const many = choose(csvConfig(2));
    const big = choose(csvConfig(2), [{ key: 'data/big.csv', size: WORKER_MIN_SINGLE_FILE_BYTES, lastModified: now }]);
    expect(many).to.be.instanceOf(WorkerFileProcessor);
    expect(big).to.be.instanceOf(WorkerFileProcessor);
    await Promise.all([many.close(), big.close()]);
  });

  it('stays on the main thread for 0 or 1 workers, a single small file, a custom codec or hash, and incremental_time', () => {
    expect(choose(csvConfig(0))).to.be.instanceOf(InThreadFileProcessor);
    expect(choose(csvConfig(1))).to.be.instanceOf(InThreadFileProcessor);
    expect(choose(csvConfig(4), small(1))).to.be.instanceOf(InThreadFileProcessor);
    const node = new NodeContentCodec();
    const custom: ContentCodec = {
      decompress: (bytes, options) => node.decompress(bytes, options),
      decodeText: (bytes, options) => node.decodeText(bytes, options),
      detectDecoders: (head) => node.detectDecoders(head),
      decompressSample: (head, decoders) => node.decompressSample(head, decoders),
    };
    expect(choose(csvConfig(4), small(3), custom)).to.be.instanceOf(InThreadFileProcessor);
    expect(choose(csvConfig(4), small(3), new NodeContentCodec(), (a, d) => nodeCryptoHash(a, d))).to.be.instanceOf(InThreadFileProcessor);
    const counting = csvConfig(4, '').filters.concat([{ type: 'add_time', to_column: { name: 'seq' }, from_value: { mode: 'incremental_time', from: 0, to: 100 } }]);
    expect(choose({ ...csvConfig(4), filters: counting })).to.be.instanceOf(InThreadFileProcessor);
  });

  it('unset (auto): workers for several local files of 64 KiB or more on average, the main thread otherwise', () => {
    const auto = csvConfig(0);
    const unset = { ...auto, exec: { ...auto.exec, parse_workers: undefined } } as ImportConfig;
    const sized = (n: number, size: number) => small(n).map((f) => ({ ...f, size }));
    expect(parseWorkerCount(unset, sized(100, 2_000_000), 2)).to.equal(2);
    expect(parseWorkerCount(unset, sized(100, 2_000_000), 16)).to.equal(4);
    expect(parseWorkerCount(unset, sized(1000, AUTO_WORKERS_MIN_AVERAGE_BYTES), 2)).to.equal(2);
    expect(parseWorkerCount(unset, sized(2000, 15_000), 2), 'many tiny files').to.equal(1);
    expect(parseWorkerCount(unset, sized(1, 2_000_000_000), 2), 'one large file').to.equal(1);
    expect(parseWorkerCount(unset, sized(100, 2_000_000), 1), 'one core').to.equal(1);
    expect(parseWorkerCount(unset, sized(100, 2_000_000), 2, false), 'objects streamed from S3').to.equal(1);
    expect(parseWorkerCount(csvConfig(2), sized(100, 2_000_000), 2, false), 'S3, set explicitly').to.equal(2);
    expect(parseWorkerCount(csvConfig(3), sized(2000, 15_000), 2), 'set explicitly').to.equal(3);
  });

  it('auto leaves a core to a table store with a thread of its own (the warehouse thread)', () => {
    const auto = csvConfig(0);
    const unset = { ...auto, exec: { ...auto.exec, parse_workers: undefined } } as ImportConfig;
    const files = small(100).map((f) => ({ ...f, size: 2_000_000 }));
    expect(parseWorkerCount(unset, files, 2, true, 1), '2 cores: the main thread parses').to.equal(1);
    expect(parseWorkerCount(unset, files, 4, true, 1), '4 cores: 3 workers').to.equal(3);
    expect(parseWorkerCount(unset, files, 16, true, 1)).to.equal(4);
    expect(parseWorkerCount(csvConfig(2), files, 2, true, 1), 'set explicitly').to.equal(2);
  });

  it('the config key is validated: an integer from 0 to 64', () => {
    const load = (value: string) => loadImportConfig(`in: {type: file, path_prefix: d/, parser: {type: jsonl, columns: [{name: a, type: string}]}}\nexec: {parse_workers: ${value}}\n`, 'load.yml');
    expect(load('3').exec.parse_workers).to.equal(3);
    for (const bad of ['-1', '1.5', '"two"', '65']) {
      try {
        load(bad);
        expect.fail(`parse_workers: ${bad} was accepted`);
      } catch (error) {
        expect(isImportError(error) && error.code, String(error)).to.equal('CONFIG_INVALID');
        expect(String((error as Error).message)).to.contain('parse_workers');
      }
    }
  });
});
