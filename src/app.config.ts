import { pageTree, ROUTES } from './routes';

// Main package: launch, the invitation's bind page (a mini-program code opens it directly) and sign-in. Each role's
// pages are a subpackage (packages/<role>/ in ROUTES), loaded when first opened. The demo sign-in exists only in the
// local H5 build: in WeChat the caller is who WeChat says (test/mp checks dist/).
const routes = Object.values(ROUTES).filter((route) => process.env.TARO_ENV === 'h5' || route !== ROUTES.login);

export default defineAppConfig({
  ...pageTree(routes),
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
