export default definePageConfig({ navigationBarTitleText: '编辑政策指南' });
