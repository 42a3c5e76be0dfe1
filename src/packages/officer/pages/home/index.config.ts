export default definePageConfig({ navigationBarTitleText: '民政办' });
