export default definePageConfig({ navigationBarTitleText: '监测信息' });
