// The built weapp output loads and reacts to a tap. miniprogram-simulate loads native Components, and a
// built Taro page registers with Page(), so Page is shimmed into a Component whose attached lifetime runs
// the page's onLoad/onShow/onReady (docs/platform-notes.md). This leans on Taro internals: keep these tests few.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIST = join(__dirname, '..', '..', 'dist');

type Dict = Record<string, unknown>;
type Fn = (...args: unknown[]) => unknown;

const storage = new Map<string, unknown>();
const calls: { name: string; data: unknown }[] = [];
const navigations: { kind: string; url?: string }[] = [];
const cloudInits: unknown[] = [];
const privacyListeners: unknown[] = [];

const ME = {
  userId: 'user-gw-1',
  name: '周网格',
  role: 'gridworker',
  roleLabel: '网格员',
  registered: true,
  personId: null,
  grids: [{ _id: 'grid-1', name: '清溪村第一网格', villageId: 'v-1' }],
  villages: [],
};

/** What session.me answers (a test swaps in an error). */
let meResult: unknown = { ok: true, data: ME };

function ok<T>(result: T) {
  return Promise.resolve(result);
}

// The wx APIs our pages and Taro's runtime touch; miniprogram-simulate fills in the rest of `wx`.
const wxStubs: Dict = {
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  reLaunch: (o: { url: string }) => (navigations.push({ kind: 'reLaunch', url: o.url }), ok({ errMsg: 'reLaunch:ok' })),
  navigateTo: (o: { url: string }) => (navigations.push({ kind: 'navigateTo', url: o.url }), ok({ errMsg: 'navigateTo:ok' })),
  showToast: () => ok({ errMsg: 'showToast:ok' }),
  onNeedPrivacyAuthorization: (listener: unknown) => void privacyListeners.push(listener),
  cloud: {
    init: (options: unknown) => void cloudInits.push(options),
    callFunction: (o: { name: string; data: { action: string } }) => {
      calls.push({ name: o.name, data: o.data });
      if (o.name === 'session' && o.data.action === 'me') return ok({ result: meResult });
      return ok({ result: { ok: false, error: { code: 'ACTION.UNKNOWN', message: '没有这个操作' } } });
    },
  },
};

const g = globalThis as unknown as Dict;
g.wx = wxStubs;

// Loaded here, after `wx` is in place (an import would be hoisted above it).
const simulate = jest.requireActual<{
  load(path: string, options: Dict): string;
  render(id: string, props?: Dict): { attach(parent: Element): void; querySelector(sel: string): SimNode | null; dom: Element; instance: Dict };
  sleep(ms: number): Promise<void>;
}>('miniprogram-simulate');

interface SimNode {
  dom: Element;
  dispatchEvent(name: string, detail?: Dict): void;
}

let app: Dict | undefined;
let currentPages: unknown[] = [];
g.App = (options: Dict) => {
  app = options;
  (options.onLaunch as Fn | undefined)?.call(options, { path: 'pages/index/index', query: {} });
};
g.getApp = () => app;
g.getCurrentPages = () => currentPages;
g.Page = (options: Dict) => {
  const methods: Dict = {};
  const data = (options.data as Dict | undefined) ?? {};
  for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value;
  (g.Component as Fn)({
    data,
    methods,
    lifetimes: {
      attached(this: Dict) {
        currentPages = [this];
        (methods.onLoad as Fn | undefined)?.call(this, {});
        (methods.onShow as Fn | undefined)?.call(this);
        (methods.onReady as Fn | undefined)?.call(this);
      },
    },
  });
};


/** A built page loads once (its Page() call runs on the first require); each render is a new instance of it. */
const loaded = new Map<string, string>();
function loadPage(path: string): string {
  if (!loaded.has(path)) loaded.set(path, simulate.load(join(DIST, path), { rootPath: DIST }));
  return loaded.get(path)!;
}

/** Waits until the rendered page satisfies a check (React renders and setData run asynchronously). */
async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the page');
    await simulate.sleep(20);
  }
}

describe('built weapp (dist/)', () => {
  beforeAll(() => {
    if (!existsSync(join(DIST, 'app.js'))) throw new Error('dist/ is not built: run npm run build:weapp first');
    jest.requireActual(join(DIST, 'app.js'));
    // app.js connects to WeChat cloud once, before any page calls a function.
    expect(cloudInits).toEqual([expect.objectContaining({ traceUser: true })]);
    // …and answers WeChat's privacy authorisation requests with its own prompt.
    expect(privacyListeners).toHaveLength(1);
  });

  it('has no demo sign-in page: app.json lists none and none is built', () => {
    const appJson = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
    const pages = [...appJson.pages, ...(appJson.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))];
    expect(appJson.pages[0]).toBe('pages/index/index');
    expect(pages.filter((page) => page.includes('login'))).toEqual([]);
    expect(existsSync(join(DIST, 'pages', 'login'))).toBe(false);
  });

  it('the worker home shows the signed-in user and toggles large-text mode on tap', async () => {
    const id = simulate.load(join(DIST, 'packages/worker/pages/home/index'), { rootPath: DIST });
    const page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));

    await until(() => (page.dom.textContent ?? '').includes(ME.name));
    expect(calls).toContainEqual({ name: 'session', data: { action: 'me', input: { appVersion: expect.any(String) } } });
    expect(page.dom.textContent).toContain('花名册');
    expect(page.dom.textContent).toContain('一拉就响');

    // j-component prefixes every class with the component's tag name ('main').
    const root = () => page.dom.querySelector('.main--ui-page') as Element;
    expect(root().className).not.toContain('main--ui-page--large');

    const toggle = page.querySelector('.ui-switch');
    expect(toggle).not.toBeNull();
    toggle!.dispatchEvent('tap');
    await until(() => root().className.includes('main--ui-page--large'));
    expect(storage.get('large-text')).toBe(true);
  });

  it('the launch page asks WeChat cloud who is calling and opens that role’s home', async () => {
    calls.length = 0;
    const page = simulate.render(loadPage('pages/index/index'));
    page.attach(document.createElement('parent-wrapper'));
    await until(() => navigations.some((n) => n.kind === 'reLaunch'));
    expect(calls).toEqual([{ name: 'session', data: { action: 'me', input: { appVersion: expect.any(String) } } }]);
    expect(navigations.at(-1)).toEqual({ kind: 'reLaunch', url: '/packages/worker/pages/home/index' });
  });

  it('never sends a WeChat user to a sign-in page: an identity error shows on the launch page', async () => {
    navigations.length = 0;
    meResult = { ok: false, error: { code: 'AUTH.REQUIRED', message: '请先登录' } };
    try {
      const page = simulate.render(loadPage('pages/index/index'));
      page.attach(document.createElement('parent-wrapper'));
      await until(() => (page.dom.textContent ?? '').includes('请先登录'));
      expect(page.dom.textContent).toContain('重试');
      expect(navigations).toEqual([]);
    } finally {
      meResult = { ok: true, data: ME };
    }
  });
});
