export default definePageConfig({ navigationBarTitleText: '一分钟自测' });
