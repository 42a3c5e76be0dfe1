export default definePageConfig({ navigationBarTitleText: '发件箱' });
