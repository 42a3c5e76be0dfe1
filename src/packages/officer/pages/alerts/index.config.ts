export default definePageConfig({ navigationBarTitleText: '一拉就响' });
