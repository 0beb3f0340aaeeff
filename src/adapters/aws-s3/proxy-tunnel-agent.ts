import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import * as tls from 'node:tls';
import type { HttpProxySettings } from './s3-settings.js';

type ConnectCallback = (error: Error | null, socket?: Socket) => void;
interface ConnectOptions {
  host?: string | null;
  port?: number | string | null;
  servername?: string;
}

/** Opens a CONNECT tunnel through the proxy; the callback gets the raw socket to the target. */
function tunnel(proxy: HttpProxySettings, options: ConnectOptions, done: ConnectCallback): void {
  const target = `${options.host ?? 'localhost'}:${options.port ?? 443}`;
  const headers: Record<string, string> = { host: target };
  if (proxy.user !== undefined) {
    headers['proxy-authorization'] = `Basic ${Buffer.from(`${proxy.user}:${proxy.password ?? ''}`).toString('base64')}`;
  }
  const request = http.request({ host: proxy.host, port: proxy.port ?? 8080, method: 'CONNECT', path: target, headers });
  request.once('connect', (response, socket) => {
    if (response.statusCode === 200) return done(null, socket);
    socket.destroy();
    // The proxy's answer, never its credentials.
    done(Object.assign(new Error(`http_proxy ${proxy.host} refused CONNECT ${target} (HTTP ${response.statusCode})`), { code: 'ECONNREFUSED' }));
  });
  request.once('error', (error) => done(error));
  request.end();
}

/**
 * Agents that reach the storage endpoint through an HTTP proxy with CONNECT (embulk-input-s3's http_proxy).
 * Node's Agent accepts an asynchronous createConnection (callback form), which is what a tunnel needs.
 */
export function proxyAgents(proxy: HttpProxySettings): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  const httpsAgent = new https.Agent({ keepAlive: true });
  Object.assign(httpsAgent, {
    createConnection(options: ConnectOptions & tls.ConnectionOptions, done: ConnectCallback): undefined {
      tunnel(proxy, options, (error, socket) => {
        if (error || !socket) return done(error ?? new Error('proxy tunnel failed'));
        done(null, tls.connect({ ...options, socket, servername: options.servername ?? options.host ?? undefined }));
      });
      return undefined;
    },
  });
  const httpAgent = new http.Agent({ keepAlive: true });
  Object.assign(httpAgent, {
    createConnection(options: ConnectOptions, done: ConnectCallback): undefined {
      tunnel(proxy, { ...options, port: options.port ?? 80 }, done);
      return undefined;
    },
  });
  return { httpAgent, httpsAgent };
}
