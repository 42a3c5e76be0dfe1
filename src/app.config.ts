// Main package: launch, the invitation's bind page (a mini-program code opens it directly) and sign-in. Each role's
// pages are a subpackage, loaded when first opened. The demo sign-in exists only in the local H5 build: in WeChat the
// caller is who WeChat says (test/mp checks dist/).
const DEMO_PAGES = process.env.TARO_ENV === 'h5' ? ['pages/login/index'] : [];

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/bind/index', ...DEMO_PAGES],
  subPackages: [
    { root: 'packages/resident', pages: ['pages/home/index', 'pages/self-report/index', 'pages/self-check/index', 'pages/apply/index', 'pages/my-cases/index', 'pages/case/index', 'pages/link/index'] },
    { root: 'packages/worker', pages: ['pages/home/index', 'pages/roster/index', 'pages/person/index', 'pages/proxy/index', 'pages/discover/index', 'pages/cases/index', 'pages/case/index', 'pages/visits/index', 'pages/overdue/index', 'pages/visit/index', 'pages/plans/index', 'pages/plan/index', 'pages/capture/index', 'pages/person-edit/index', 'pages/roll-calls/index', 'pages/roll-call/index', 'pages/link-requests/index'] },
    { root: 'packages/officer', pages: ['pages/home/index', 'pages/worklist/index', 'pages/case/index', 'pages/issues/index', 'pages/issue/index', 'pages/key-households/index', 'pages/search/index', 'pages/warnings/index', 'pages/monitoring/index', 'pages/import/index', 'pages/alerts/index', 'pages/alert-raise/index', 'pages/alert-board/index', 'pages/outbox/index'] },
    { root: 'packages/common', pages: ['pages/messages/index', 'pages/subscriptions/index'] },
    { root: 'packages/admin', pages: ['pages/home/index', 'pages/structure/index', 'pages/users/index', 'pages/areas/index', 'pages/settings/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f5f1',
    navigationBarBackgroundColor: '#1f6f63',
    navigationBarTitleText: '小网格·大救助',
    navigationBarTextStyle: 'white',
  },
  // The self-report's optional location (Taro.chooseLocation) must be declared for WeChat's privacy review.
  // A visit's optional location (Taro.getLocation, issue 4) likewise, with the reason shown when asking.
  requiredPrivateInfos: ['chooseLocation', 'getLocation'],
  permission: { 'scope.userLocation': { desc: '记录走访时所在的位置，便于核实上门走访' } },
  // Staff open the roster right after launch: fetch the worker package early on a good network.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/worker'] },
  },
});
