export default definePageConfig({ navigationBarTitleText: '核查进度' });
