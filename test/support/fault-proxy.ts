import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy in front of an S3 server that can cut a response mid-body, to prove reads resume. */
export interface FaultProxy {
  readonly endpoint: string;
  /** Request heads seen (request line + Range/If-Match headers), in order. */
  readonly requests: string[];
  /** The next request whose request line matches `match` has its response cut after `afterBytes` bytes (headers included). */
  cutNextResponse(match: RegExp, afterBytes: number): void;
  close(): Promise<void>;
}

function summarize(head: string): string {
  const lines = head.split('\r\n');
  const keep = lines.slice(1).filter((l) => /^(range|if-match):/i.test(l));
  return [lines[0], ...keep].join(' | ');
}

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  let pending: { match: RegExp; afterBytes: number } | undefined;

  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let cutAt: number | undefined;
    let sent = 0;
    client.on('data', (data: Buffer) => {
      const text = data.toString('latin1');
      if (/^[A-Z]+ \S+ HTTP\/1\.[01]\r\n/.test(text)) {
        const head = summarize(text.split('\r\n\r\n')[0]!);
        requests.push(head);
        if (pending && pending.match.test(head.split(' | ')[0]!)) {
          cutAt = pending.afterBytes;
          sent = 0;
          pending = undefined;
        }
      }
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => {
      if (cutAt === undefined) return void client.write(data);
      const room = cutAt - sent;
      if (data.length < room) {
        sent += data.length;
        return void client.write(data);
      }
      // Deliver exactly up to the cut, then drop the connection like a broken network would.
      client.write(data.subarray(0, room), () => {
        client.destroy();
        upstream.destroy();
      });
      cutAt = undefined;
    });
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    cutNextResponse(match, afterBytes) {
      pending = { match, afterBytes };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
