export default definePageConfig({ navigationBarTitleText: '村和网格' });
