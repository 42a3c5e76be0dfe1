export default definePageConfig({ navigationBarTitleText: '网格办件' });
