import { FileSelector } from '../domain/file-selector.js';
import { IncrementalState } from '../domain/incremental-state.js';
import type { ImportConfig } from '../domain/model/import-config.js';
import type { Column, Value } from '../domain/model/record-batch.js';
import type { RejectedRecord } from '../domain/model/rejected-record.js';
import type { ImportServices } from './import-services.js';
import { countedRead } from './pipeline/counted-read.js';
import { InThreadFileProcessor } from './pipeline/in-thread-file-processor.js';
import { planPipeline } from './pipeline/pipeline-plan.js';

export interface PreviewRequest {
  readonly config: ImportConfig;
  /** Rows to show (default 15, as TD). */
  readonly rows?: number;
  readonly timeColumn?: string | null;
}

export interface PreviewResult {
  readonly columns: readonly Column[];
  readonly rows: Value[][];
  /** The column that becomes `time`, or null for the upload time. */
  readonly timeColumn: string | null;
  readonly timeColumnReason: string;
  readonly files: readonly string[];
  readonly rejects: readonly RejectedRecord[];
}

/** Runs the import pipeline on the first rows of the selected files and writes nothing. */
export class PreviewImport {
  constructor(private readonly services: ImportServices) {}

  async run(request: PreviewRequest): Promise<PreviewResult> {
    const { services } = this;
    const limit = request.rows ?? 15;
    const config = request.config;
    const plan = planPipeline(config, request.timeColumn ?? config.out.time_column, services.clock.now(), services.hash);
    const source = new IncrementalState().apply(config.in, undefined);
    const store = await services.objectStores.open(source);
    const rows: Value[][] = [];
    const rejects: RejectedRecord[] = [];
    const files: string[] = [];
    try {
      const selection = await new FileSelector(store, services.clock).select(source);
      for (const warning of selection.warnings) services.logger.warn(warning);
      const controller = new AbortController();
      // A preview reads a few rows: starting worker threads would cost more than it saves.
      const processor = new InThreadFileProcessor(services.codec, plan, { decoders: source.decoders, charset: source.parser.charset, batchSize: limit });
      for (const file of selection.files) {
        if (rows.length >= limit) break;
        files.push(file.key);
        const context = { signal: controller.signal, counters: { invalidBytes: 0 }, onReject: (r: RejectedRecord) => void rejects.push(r) };
        for await (const batch of processor.process(countedRead(store, file, controller.signal, { bytes: 0 }), file, context)) {
          for (let i = 0; i < batch.length && rows.length < limit; i++) rows.push(batch.vectors.map((v) => v[i] ?? null));
          if (rows.length >= limit) break;
        }
      }
    } finally {
      await store.close();
    }
    return { columns: plan.columns, rows, timeColumn: plan.time.timeColumn, timeColumnReason: plan.time.source.reason, files, rejects };
  }
}
