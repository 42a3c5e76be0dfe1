export default definePageConfig({ navigationBarTitleText: '复核记录' });
