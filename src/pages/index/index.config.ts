export default definePageConfig({ navigationBarTitleText: '小网格·大救助' });
