export default definePageConfig({ navigationBarTitleText: '居民关联' });
