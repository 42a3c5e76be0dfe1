// Photo upload in page tests: the pages' H5 upload reads the chosen local file with fetch and posts its bytes to
// /api/upload. Here a chosen file is a few bytes, and the post goes to the in-process runtime.
import type { LocalRuntime } from '../../../local/runtime';

type FetchInit = { method?: string; headers?: Record<string, string>; body?: ArrayBuffer | Uint8Array };

const JPEG_BYTES = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10];

export function routeUploadsTo(rt: LocalRuntime): void {
  (globalThis as { fetch?: unknown }).fetch = async (url: string, init: FetchInit = {}) => {
    if (url.startsWith('blob:')) return { arrayBuffer: async () => new Uint8Array(JPEG_BYTES).buffer };
    const parsed = new URL(url, 'http://pages.test');
    if (parsed.pathname !== '/api/upload') throw new Error(`page tests do not fetch ${url}`);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(init.headers ?? {})) headers[key.toLowerCase()] = value;
    const body = Buffer.from(init.body instanceof Uint8Array ? init.body : new Uint8Array(init.body ?? new ArrayBuffer(0)));
    const response = await rt.dispatch({ method: 'POST', path: '/api/upload', query: parsed.searchParams, headers, body });
    return { json: async () => JSON.parse(JSON.stringify(response.body)) as unknown };
  };
}
