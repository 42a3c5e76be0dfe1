// HTTP front of the local runtime: serves the H5 build and hands /api requests to the runtime.
// It only moves bytes: size limits and JSON parsing here, everything else in runtime.dispatch.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { err, type Result } from '../src/core/errors';
import { isXlsxBytes, sniffImageType } from '../src/core/files';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
import type { LocalRuntime } from './runtime';
import { local } from './wx-server-sdk';

/** WeChat cloud refuses a callFunction body over 100 KB (EXCEED_MAX_PAYLOAD_SIZE): the local runtime does too. */
export const MAX_BODY_BYTES = 100 * 1024;
/** A phone photo after the mini-program's compression. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

class BodyTooLarge extends Error {}

/**
 * The body, up to `limit` bytes. Past the limit the rest is read and dropped rather than the socket destroyed, so the
 * client gets the coded REQUEST.TOO_LARGE answer instead of a connection reset.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolveBody(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** The decoded path, or undefined when its percent-encoding is broken (answered as a malformed request). */
function decodedPath(urlPath: string): string | undefined {
  try {
    return decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
}

/** A file under root, or undefined: never a path that escapes root. */
function fileUnder(root: string, urlPath: string): string | undefined {
  const decoded = decodedPath(urlPath);
  if (decoded === undefined) return undefined;
  const path = resolve(root, '.' + normalize(decoded));
  if (!path.startsWith(resolve(root))) return undefined;
  return existsSync(path) && statSync(path).isFile() ? path : undefined;
}

function sendFile(res: ServerResponse, path: string): void {
  res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path).pipe(res);
}

/**
 * Stored photos, like WeChat's temporary URLs: only with a valid unexpired token the functions issued (after checking
 * the caller's scope on the record), only real JPEG/PNG bytes, typed by those bytes and never sniffed by the browser.
 */
async function serveStoredFile(res: ServerResponse, path: string, query: string): Promise<void> {
  const cloudPath = local.files.verifyUrl(path, new URLSearchParams(query).get('t'));
  if (!cloudPath) return sendJson(res, 403, err('FILE.LINK_INVALID'));
  const bytes = await local.files.read(cloudPath);
  // An export (exports/<userId>/….xlsx) is served as a download; anything else only as a photo.
  const sheet = bytes && cloudPath.startsWith('exports/') && cloudPath.endsWith('.xlsx') && isXlsxBytes(bytes);
  const type = bytes ? (sheet ? XLSX_TYPE : sniffImageType(bytes)) : null;
  if (!bytes || !type) return sendJson(res, 404, err('RECORD.NOT_FOUND'));
  const download = sheet ? { 'content-disposition': 'attachment; filename="export.xlsx"' } : {};
  res.writeHead(200, { 'content-type': type, 'content-length': bytes.length, 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store', ...download });
  res.end(bytes);
}

async function handleApi(runtime: LocalRuntime, req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
  let body: unknown;
  const upload = path === '/api/upload';
  if (req.method === 'POST') {
    let raw: Buffer;
    try {
      raw = await readBody(req, upload ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES);
    } catch (thrown) {
      if (thrown instanceof BodyTooLarge) return sendJson(res, 413, err('REQUEST.TOO_LARGE'));
      throw thrown;
    }
    if (upload) body = raw;
    else {
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, err('REQUEST.MALFORMED'));
      }
    }
  }
  const headers = req.headers as Record<string, string | string[] | undefined>;
  const response = await runtime.dispatch({ method: req.method ?? 'GET', path, query: new URLSearchParams(query), headers, body });
  sendJson(res, response.status, response.body);
}

export function createHttpServer(runtime: LocalRuntime, opts: { staticDir: string }): Server {
  return createServer((req, res) => {
    const [path, query = ''] = (req.url ?? '/').split('?');
    if (decodedPath(path) === undefined) return sendJson(res, 400, err('REQUEST.MALFORMED'));
    const done = (thrown: unknown) => {
      console.error('[local] request failed', thrown);
      if (!res.headersSent) sendJson(res, 500, err('INTERNAL'));
      else res.end();
    };
    try {
      if (path.startsWith('/api/')) {
        handleApi(runtime, req, res, path, query).catch(done);
        return;
      }
      if (path.startsWith('/files/')) {
        serveStoredFile(res, path, query).catch(done);
        return;
      }
      const file = fileUnder(opts.staticDir, path === '/' ? '/index.html' : path);
      const fallback = join(opts.staticDir, 'index.html');
      if (file) return sendFile(res, file);
      if (existsSync(fallback)) return sendFile(res, fallback);
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('H5 页面尚未构建：请先运行 npm run build:h5');
    } catch (thrown) {
      done(thrown);
    }
  });
}
