export default definePageConfig({ navigationBarTitleText: '关联本人信息' });
