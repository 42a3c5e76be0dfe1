export default definePageConfig({ navigationBarTitleText: '发起预警' });
