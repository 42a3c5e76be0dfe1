// A small stand-in for @tarojs/taro in page tests: storage in a Map, navigation and toasts recorded,
// `request` handed to whatever the test installs (normally the local runtime's in-process dispatcher).
import { useOnMount } from '../../../src/hooks/use-on-mount';

export interface RecordedNavigation {
  kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack';
  url?: string;
}

export interface MockRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export type RequestHandler = (request: MockRequest) => Promise<{ status: number; body: unknown }>;

export const taroMock = {
  storage: new Map<string, unknown>(),
  navigations: [] as RecordedNavigation[],
  toasts: [] as { title: string; icon?: string }[],
  modals: [] as { title?: string; content?: string }[],
  /** The user's answers to the next modals, in order (confirm when none is left). */
  modalAnswers: [] as boolean[],
  /** Photos "chosen" so far (each chooseImage picks one new local path). */
  chosenImages: [] as string[],
  subscribeRequests: [] as { tmplIds: string[] }[],
  /** WeChat's answer to requestSubscribeMessage (weapp flavour tests); none means it fails. */
  subscribeAnswer: null as null | ((tmplIds: string[]) => Record<string, string>),
  router: { path: '', params: {} as Record<string, string> },
  /** No handler means the runtime is unreachable: every request fails like a dropped connection. */
  requestHandler: null as RequestHandler | null,
  requests: [] as MockRequest[],
  responses: [] as { request: MockRequest; status: number; body: unknown }[],
  /** Requests and uploads the pages sent that have not answered yet (they outlive reset: see support/settle.ts). */
  inFlight: new Set<Promise<void>>(),
  /** Counts `sent` in flight until it settles (either way); returns it untouched. */
  track<T>(sent: Promise<T>): Promise<T> {
    const forget = () => void taroMock.inFlight.delete(settled);
    const settled = sent.then(forget, forget);
    taroMock.inFlight.add(settled);
    return sent;
  },
  reset(): void {
    this.storage.clear();
    this.navigations.length = 0;
    this.toasts.length = 0;
    this.modals.length = 0;
    this.modalAnswers.length = 0;
    this.chosenImages.length = 0;
    this.subscribeRequests.length = 0;
    this.subscribeAnswer = null;
    this.requests.length = 0;
    this.responses.length = 0;
    this.router = { path: '', params: {} };
    this.requestHandler = null;
  },
  lastNavigation(): RecordedNavigation | undefined {
    return this.navigations[this.navigations.length - 1];
  },
};

function navigate(kind: RecordedNavigation['kind']) {
  return (options: { url?: string } = {}) => {
    taroMock.navigations.push({ kind, url: options.url });
    return Promise.resolve({ errMsg: `${kind}:ok` });
  };
}

async function request(options: { url: string; method?: string; header?: Record<string, string>; data?: unknown }) {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.header ?? {})) headers[key.toLowerCase()] = value;
  const sent: MockRequest = { method: (options.method ?? 'GET').toUpperCase(), path: options.url, headers, body: options.data };
  taroMock.requests.push(sent);
  if (!taroMock.requestHandler) throw new Error('request:fail net::ERR_CONNECTION_REFUSED');
  // Round-trip through JSON like the wire does, so no live object is shared with the runtime.
  const response = await taroMock.track(taroMock.requestHandler(JSON.parse(JSON.stringify(sent)) as MockRequest));
  const body = JSON.parse(JSON.stringify(response.body)) as unknown;
  taroMock.responses.push({ request: sent, status: response.status, body });
  return { statusCode: response.status, data: body, header: {}, cookies: [] };
}

const Taro = {
  // Taro returns '' for a missing key.
  getStorageSync: (key: string) => (taroMock.storage.has(key) ? taroMock.storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => {
    taroMock.storage.set(key, value);
  },
  removeStorageSync: (key: string) => {
    taroMock.storage.delete(key);
  },
  navigateTo: navigate('navigateTo'),
  redirectTo: navigate('redirectTo'),
  reLaunch: navigate('reLaunch'),
  switchTab: navigate('switchTab'),
  navigateBack: () => {
    taroMock.navigations.push({ kind: 'navigateBack' });
    return Promise.resolve({ errMsg: 'navigateBack:ok' });
  },
  request,
  showToast: (options: { title: string; icon?: string }) => {
    taroMock.toasts.push({ title: options.title, icon: options.icon });
    return Promise.resolve({ errMsg: 'showToast:ok' });
  },
  showModal: (options: { title?: string; content?: string }) => {
    taroMock.modals.push({ title: options.title, content: options.content });
    const confirm = taroMock.modalAnswers.shift() ?? true;
    return Promise.resolve({ confirm, cancel: !confirm, errMsg: 'showModal:ok' });
  },
  /** The user picks one photo each time. */
  chooseImage: () => {
    const path = `blob:test-photo-${taroMock.chosenImages.length + 1}.jpg`;
    taroMock.chosenImages.push(path);
    return Promise.resolve({ tempFilePaths: [path], tempFiles: [{ path, size: 3 }], errMsg: 'chooseImage:ok' });
  },
  requestSubscribeMessage: (options: { tmplIds: string[] }) => {
    taroMock.subscribeRequests.push({ tmplIds: options.tmplIds });
    const answer = taroMock.subscribeAnswer;
    if (!answer) return Promise.reject(new Error('requestSubscribeMessage:fail not supported in page tests'));
    return Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', ...answer(options.tmplIds) });
  },
  showLoading: () => Promise.resolve({ errMsg: 'showLoading:ok' }),
  hideLoading: () => Promise.resolve({ errMsg: 'hideLoading:ok' }),
  setNavigationBarTitle: () => Promise.resolve({ errMsg: 'setNavigationBarTitle:ok' }),
  getCurrentInstance: () => ({ router: { path: taroMock.router.path, params: taroMock.router.params } }),
  cloud: {
    init: () => undefined,
    callFunction: () => Promise.reject(new Error('Taro.cloud is not available in page tests (TARO_ENV=h5)')),
  },
};

export function useRouter() {
  return { path: taroMock.router.path, params: taroMock.router.params };
}

// Page lifecycle hooks run once after mount, like Taro's: a page test renders a page that is shown.
export const useLoad = useOnMount;
export const useDidShow = useOnMount;
export const useReady = useOnMount;
export const useLaunch = useOnMount;
export const useDidHide = (_callback: () => void): void => undefined;
export const useUnload = (_callback: () => void): void => undefined;
export const usePullDownRefresh = (_callback: () => void): void => undefined;
export const useReachBottom = (_callback: () => void): void => undefined;

export default Taro;
