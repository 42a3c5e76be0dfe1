export default definePageConfig({ navigationBarTitleText: '发起转介' });
