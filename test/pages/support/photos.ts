// Photo upload in page tests: the pages' H5 upload reads the chosen local file with fetch and posts its bytes to
// /api/upload. Here a chosen file is a tiny real JPEG, and the post goes to the in-process runtime.
import type { LocalRuntime } from '../../../local/runtime';
import type { UploadPurpose } from '../../../src/core/files';
import type { Role } from '../../../src/core/roles';
import { JPEG } from '../../functions/uploads';
import { taroMock } from '../mocks/taro';
import { beside, login, startRuntime } from './runtime';

type FetchInit = { method?: string; headers?: Record<string, string>; body?: ArrayBuffer | Uint8Array };

export function routeUploadsTo(rt: LocalRuntime): void {
  (globalThis as { fetch?: unknown }).fetch = async (url: string, init: FetchInit = {}) => {
    if (url.startsWith('blob:')) return { arrayBuffer: async () => new Uint8Array(JPEG).buffer };
    const parsed = new URL(url, 'http://pages.test');
    if (parsed.pathname !== '/api/upload') throw new Error(`page tests do not fetch ${url}`);
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(init.headers ?? {})) headers[key.toLowerCase()] = value;
    const body = Buffer.from(init.body instanceof Uint8Array ? init.body : new Uint8Array(init.body ?? new ArrayBuffer(0)));
    const response = await taroMock.track(rt.dispatch({ method: 'POST', path: '/api/upload', query: parsed.searchParams, headers, body }));
    return { json: async () => JSON.parse(JSON.stringify(response.body)) as unknown };
  };
}

/** Uploads a tiny JPEG as the first demo user of a role, the way another device would; returns its fileID. */
export function uploadAs(role: Role, purpose: UploadPurpose): Promise<string> {
  return beside(async () => {
    const { token } = await login(role);
    const rt = await startRuntime();
    const response = await rt.dispatch({ method: 'POST', path: '/api/upload', query: new URLSearchParams({ purpose }), headers: { authorization: `Bearer ${token}` }, body: JPEG });
    if (!response.body.ok) throw new Error(`upload failed: ${response.body.error.message}`);
    return (response.body.data as { fileID: string }).fileID;
  });
}

/** Answers the browser's file chooser a page opened (H5 spreadsheet pick) with a file of these bytes. */
export async function chooseFile(name: string, bytes: Buffer): Promise<void> {
  const { waitFor, fireEvent } = await import('@testing-library/react');
  const input = await waitFor(() => {
    const found = document.querySelector<HTMLInputElement>('input[type=file]');
    if (!found) throw new Error('no file chooser open');
    return found;
  });
  Object.defineProperty(input, 'files', { value: [new File([new Uint8Array(bytes)], name)] });
  fireEvent.change(input);
}
