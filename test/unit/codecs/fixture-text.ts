/** Deterministic CSV text; test/fixtures/codecs/lines.csv.bz2 is `bzip2 -1` of lines(8000) (two blocks). */
export function lines(count: number): string {
  const rows = ['id,name,score'];
  for (let i = 0; i < count; i += 1) rows.push(`${i},name-${i},${(i * 7919) % 100003}`);
  return rows.join('\n') + '\n';
}

/** Yields `bytes` in `size`-byte chunks, like an object store read. */
export async function* chunks(bytes: Uint8Array, size = 65536): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const chunk of stream) out.push(chunk);
  return Buffer.concat(out);
}

export async function collectText(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}
