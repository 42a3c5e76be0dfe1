// Main package: launch and sign-in only. Each role's pages are a subpackage, loaded when first opened.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/login/index'],
  subPackages: [
    { root: 'packages/resident', pages: ['pages/home/index'] },
    { root: 'packages/worker', pages: ['pages/home/index', 'pages/roster/index', 'pages/person/index'] },
    { root: 'packages/officer', pages: ['pages/home/index'] },
    { root: 'packages/admin', pages: ['pages/home/index', 'pages/structure/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f5f1',
    navigationBarBackgroundColor: '#1f6f63',
    navigationBarTitleText: '小网格·大救助',
    navigationBarTextStyle: 'white',
  },
  // Staff open the roster right after launch: fetch the worker package early on a good network.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/worker'] },
  },
});
