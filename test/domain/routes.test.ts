// One list of routes: app.config.ts builds the app's pages from ROUTES, so a route is a page and a page is a route.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pageTree, ROUTES } from '../../src/routes';

const SRC = join(__dirname, '..', '..', 'src');

function loadAppConfig(taroEnv: 'h5' | 'weapp'): { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> } {
  const before = process.env.TARO_ENV;
  process.env.TARO_ENV = taroEnv;
  // app.config.ts calls Taro's build-time global defineAppConfig.
  (globalThis as { defineAppConfig?: (config: unknown) => unknown }).defineAppConfig = (config) => config;
  try {
    let config: ReturnType<typeof loadAppConfig> | undefined;
    jest.isolateModules(() => {
      config = (jest.requireActual('../../src/app.config') as { default: ReturnType<typeof loadAppConfig> }).default;
    });
    return config!;
  } finally {
    if (before === undefined) delete process.env.TARO_ENV;
    else process.env.TARO_ENV = before;
  }
}

function pagePaths(config: ReturnType<typeof loadAppConfig>): string[] {
  return [...config.pages, ...config.subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`))].map((page) => `/${page}`);
}

/** Every folder holding a page's index.tsx under src/pages and src/packages/<name>/pages. */
function pageFiles(): string[] {
  const found: string[] = [];
  const collect = (dir: string) => {
    for (const name of readdirSync(join(SRC, dir))) if (existsSync(join(SRC, dir, name, 'index.tsx'))) found.push(`/${dir}/${name}/index`);
  };
  collect('pages');
  for (const pkg of readdirSync(join(SRC, 'packages'))) collect(`packages/${pkg}/pages`);
  return found.sort();
}

describe('routes and app.config', () => {
  test('the H5 app has exactly the routes, opening on the launch page; every route has its page file and every page a route', () => {
    const config = loadAppConfig('h5');
    expect(config.pages[0]).toBe(ROUTES.launch.slice(1));
    expect(pagePaths(config).sort()).toEqual(Object.values(ROUTES).sort());
    expect(pageFiles()).toEqual(Object.values(ROUTES).sort());
  });

  test('the weapp has every route but the local demo sign-in', () => {
    const paths = pagePaths(loadAppConfig('weapp'));
    expect(paths).not.toContain(ROUTES.login);
    expect(paths.sort()).toEqual(Object.values(ROUTES).filter((route) => route !== ROUTES.login).sort());
  });

  test('pageTree puts packages/<name>/ paths in that subpackage and the rest in the main package, in order', () => {
    expect(pageTree([ROUTES.launch, ROUTES.residentHome, ROUTES.bind, ROUTES.workerHome, ROUTES.residentCase])).toEqual({
      pages: ['pages/index/index', 'pages/bind/index'],
      subPackages: [
        { root: 'packages/resident', pages: ['pages/home/index', 'pages/case/index'] },
        { root: 'packages/worker', pages: ['pages/home/index'] },
      ],
    });
  });
});
