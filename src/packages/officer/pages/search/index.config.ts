export default definePageConfig({ navigationBarTitleText: '查找人员' });
