/** A loopback static server for the built pane; /api/* can be proxied to a Worker (same origin for the pane). */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function serveStatic(
  dir: string,
  options: { api?: string; overrides?: Record<string, string>; gzip?: boolean } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    try {
      if (path.startsWith('/api/') && options.api) {
        const upstream = await fetch(`${options.api}${req.url}`, {
          method: req.method,
          headers: Object.fromEntries(
            Object.entries(req.headers).filter(
              (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'host',
            ),
          ),
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(await body(req)),
        });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
        return;
      }
      const override = options.overrides?.[path];
      if (override !== undefined) {
        res.writeHead(200, {
          'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
          'cache-control': 'no-store',
        });
        res.end(override);
        return;
      }
      const file = normalize(join(dir, path === '/' ? 'taskpane.html' : path));
      if (!file.startsWith(dir)) throw new Error('outside');
      const data = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(data);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The fake host bundled for the browser: the Office fake (served as office-js/office.js), or with
 * 'wps' the ET fake (injected before the WPS pane's script, as WPS injects its object model).
 */
export async function harnessBundle(host: 'office' | 'wps' = 'office'): Promise<string> {
  const { build } = await import('esbuild');
  const entry = host === 'wps' ? './harness-wps-entry.ts' : './harness-entry.ts';
  const out = await build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
    target: 'chrome100',
    logLevel: 'warning',
  });
  return out.outputFiles[0]?.text ?? '';
}

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
