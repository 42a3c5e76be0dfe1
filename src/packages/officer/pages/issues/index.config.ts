export default definePageConfig({ navigationBarTitleText: '问题督办' });
