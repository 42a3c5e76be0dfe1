export default definePageConfig({ navigationBarTitleText: '花名册' });
