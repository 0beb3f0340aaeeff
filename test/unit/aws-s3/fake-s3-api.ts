import type { S3Api, S3Body, S3GetResult, S3ListPage } from '../../../src/adapters/aws-s3/s3-api.js';
import type { Logger } from '../../../src/ports/logger.js';

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** A body that yields `chunks` and then, if `failWith` is set, fails like a dropped connection. */
export function fakeBody(chunks: Uint8Array[], failWith?: Error): S3Body & { destroyed: boolean } {
  const body = {
    destroyed: false,
    async *[Symbol.asyncIterator]() {
      for (const c of chunks) {
        if (body.destroyed) return;
        yield c;
      }
      if (failWith) throw failWith;
    },
    destroy() {
      body.destroyed = true;
    },
  };
  return body;
}

export type Call = { op: string; input: Record<string, unknown> };

/** Scripted S3Api: each call takes the next answer (a value or an error) for its operation. */
export function scriptedApi(script: { list?: Array<S3ListPage | Error>; get?: Array<S3GetResult | Error> }): S3Api & { calls: Call[] } {
  const calls: Call[] = [];
  const next = <T>(queue: Array<T | Error> | undefined, op: string): Promise<T> => {
    const answer = queue?.shift();
    if (answer === undefined) return Promise.reject(new Error(`unexpected ${op}`));
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return {
    calls,
    listObjectsV2: (input) => (calls.push({ op: 'list', input }), next(script.list, 'list')),
    getObject: (input) => (calls.push({ op: 'get', input }), next(script.get, 'get')),
    headObject: (input) => (calls.push({ op: 'head', input }), Promise.reject(Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } }))),
  };
}

export function sdkError(name: string, status: number): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
}
