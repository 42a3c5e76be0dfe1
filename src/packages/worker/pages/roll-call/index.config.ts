export default definePageConfig({ navigationBarTitleText: '预警点名' });
