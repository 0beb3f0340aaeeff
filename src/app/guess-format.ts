import { ImportError } from '../domain/errors.js';
import { FileSelector } from '../domain/file-selector.js';
import { FormatGuesser } from '../domain/format-guesser.js';
import { renameNonTimeTimeColumn } from '../domain/guess/column-names.js';
import type { DecoderSpec, ParserOptions } from '../domain/model/parser-options.js';
import type { ObjectStore } from '../ports/object-store.js';
import { validateImportConfig } from './config/load-config.js';
import type { ImportServices } from './import-services.js';

/** The format is guessed from Embulk's 32 KiB; types are re-checked against up to 1 MiB read in the same ranged GET. */
export const GUESS_SAMPLE_BYTES = 32 * 1024;
export const GUESS_VERIFY_BYTES = 1024 * 1024;
const MIN_FILE_BYTES = 40;

export interface GuessResult {
  /** The seed config with `in.parser` (and `in.decoders` when compressed) filled in: a complete load config. */
  readonly config: Record<string, unknown>;
  readonly explain: readonly string[];
  readonly file: string;
}

/** guess: seed.yml -> load.yml from a bounded, ranged sample of the first file (never the whole object). */
export class GuessFormat {
  constructor(private readonly services: ImportServices) {}

  async run(seed: Record<string, unknown>): Promise<GuessResult> {
    const config = validateImportConfig(seed, { requireParser: false });
    const store = await this.services.objectStores.open(config.in);
    try {
      const selection = await new FileSelector(store, this.services.clock).select({ ...config.in, last_path: config.in.last_path });
      const file = selection.files.find((f) => f.size >= MIN_FILE_BYTES);
      if (!file) {
        throw new ImportError('NO_FILES', `guess found no file of at least ${MIN_FILE_BYTES} bytes under the configured path_prefix/path_match_pattern; check in.path_prefix`);
      }
      const head = await readHead(store, file.key, GUESS_VERIFY_BYTES);
      const rawIn = (seed['in'] ?? {}) as Record<string, unknown>;
      const decoders: DecoderSpec[] = config.in.decoders ? [...config.in.decoders] : this.services.codec.detectDecoders(head);
      const wholeObject = file.size <= GUESS_VERIFY_BYTES;
      const decoded = decoders.length > 0 ? await this.services.codec.decompressSample(head, decoders) : head;
      const sample = decoded.subarray(0, GUESS_SAMPLE_BYTES);
      const guessed = new FormatGuesser().guess(sample, {
        decoders,
        sampleIsComplete: wholeObject && decoded.length <= GUESS_SAMPLE_BYTES,
        verifySample: decoded,
        verifySampleIsComplete: wholeObject,
        ...(rawIn['parser'] && typeof rawIn['parser'] === 'object' ? { parser: rawIn['parser'] as Record<string, unknown> } : {}),
      });
      const explain = [...guessed.explain];
      const parser = guessed.parser.type === 'csv' ? { ...guessed.parser, columns: renameNonTimeTimeColumn(guessed.parser.columns, explain) } : guessed.parser;
      const outIn: Record<string, unknown> = { ...rawIn, parser: toYamlParser(parser) };
      if (decoders.length > 0 && !rawIn['decoders']) outIn['decoders'] = decoders.map((d) => ({ type: d.type }));
      return { config: { ...seed, in: outIn }, explain, file: file.key };
    } finally {
      await store.close();
    }
  }
}

async function readHead(store: ObjectStore, key: string, bytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  const range = store.capabilities.rangeReads ? { range: { start: 0, end: bytes - 1 } } : {};
  for await (const chunk of store.read(key, range)) {
    parts.push(chunk);
    total += chunk.length;
    if (total >= bytes) break;
  }
  return Buffer.concat(parts).subarray(0, bytes);
}

/** Parser options in the order TD writes them, omitting nothing a load.yml needs. */
function toYamlParser(parser: ParserOptions): Record<string, unknown> {
  return { ...parser };
}
