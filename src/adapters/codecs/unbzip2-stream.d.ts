// unbzip2-stream ships no types; this is the part of its `through` stream that bzip2-js.ts uses.
declare module 'unbzip2-stream' {
  import type { EventEmitter } from 'node:events';

  interface Unbzip2Stream extends EventEmitter {
    write(chunk: Buffer): boolean;
    end(): void;
  }
  export default function unbzip2(): Unbzip2Stream;
}
