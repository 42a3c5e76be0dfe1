export default definePageConfig({ navigationBarTitleText: '监测预警' });
