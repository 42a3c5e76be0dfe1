export default definePageConfig({ navigationBarTitleText: '主动发现' });
