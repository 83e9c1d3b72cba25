/** A loopback HTTP server for the courier simulators, with the shared knobs (latency). */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface SimAnswer {
  status: number;
  body: string;
  contentType: string;
  headers?: Record<string, string>;
}

export async function serve(handler: (req: SimRequest) => SimAnswer, latencyMs: () => number): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const run = (): void => {
        let out: SimAnswer;
        try {
          out = handler({ method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://sim'), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        } catch (err) {
          out = { status: 500, body: String(err), contentType: 'text/plain' };
        }
        res.writeHead(out.status, { 'content-type': out.contentType, ...(out.headers ?? {}) });
        res.end(out.body);
      };
      const wait = latencyMs();
      if (wait > 0) setTimeout(run, wait);
      else run();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    }),
  };
}

/** Shared fault knobs: every Nth call throttled / malformed, a seeded share of 503s. */
export interface FaultKnobs {
  latencyMs?: number;
  errorRate?: number;
  throttleEvery?: number;
  malformedEvery?: number;
}

export async function postForm(url: string, fields: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, body: new URLSearchParams(fields).toString() });
  return { status: res.status, text: await res.text() };
}
