import type { ObjectInfo } from '../../domain/model/object-info.js';
import type { RecordBatch } from '../../domain/model/record-batch.js';
import type { DecoderSpec } from '../../domain/model/parser-options.js';
import type { ContentCodec } from '../../ports/content-codec.js';
import type { FileProcessContext, FileProcessor } from './file-processor.js';
import type { PipelinePlan } from './pipeline-plan.js';

/** What the text pipeline needs besides the plan. */
export interface TextPipelineOptions {
  readonly decoders: readonly DecoderSpec[] | null;
  readonly charset: string;
  /** Rows per batch (parser default when undefined). */
  readonly batchSize?: number;
}

/** Runs the whole pipeline on the calling thread: the default for small jobs, preview, and custom codecs. */
export class InThreadFileProcessor implements FileProcessor {
  constructor(
    private readonly codec: ContentCodec,
    private readonly plan: PipelinePlan,
    private readonly options: TextPipelineOptions,
  ) {}

  process(bytes: AsyncIterable<Uint8Array>, file: ObjectInfo, context: FileProcessContext): AsyncIterable<RecordBatch> {
    return transformedBatches(this.codec, this.plan, this.options, bytes, file, context);
  }

  async close(): Promise<void> {}
}

/** The pipeline of one file; shared by the in-thread processor and the parse worker so both give equal results. */
export async function* transformedBatches(
  codec: ContentCodec,
  plan: PipelinePlan,
  options: TextPipelineOptions,
  bytes: AsyncIterable<Uint8Array>,
  file: ObjectInfo,
  context: FileProcessContext,
): AsyncIterable<RecordBatch> {
  let invalidBytes = 0;
  const decompressed = codec.decompress(bytes, { decoders: options.decoders, key: file.key });
  const text = codec.decodeText(decompressed, {
    charset: options.charset,
    key: file.key,
    onInvalidBytes: (count) => {
      invalidBytes += count;
    },
  });
  const parseContext = {
    file: file.key,
    signal: context.signal,
    onReject: context.onReject,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(context.startLine === undefined ? {} : { startLine: context.startLine }),
    ...(context.endsAtRecordBoundary ? { endsAtRecordBoundary: true } : {}),
    ...(context.allocate === undefined ? {} : { allocate: context.allocate }),
    ...(context.longStringsAsUtf8 ? { longStringsAsUtf8: true } : {}),
    // Filters read every batch's vectors: the parser builds those instead of packing cells only to decode them.
    ...(plan.filters.length > 0 ? { vectors: true } : {}),
  };
  for await (const parsed of plan.parser.parse(text, parseContext)) yield plan.transform(parsed);
  context.counters.invalidBytes += invalidBytes;
}
