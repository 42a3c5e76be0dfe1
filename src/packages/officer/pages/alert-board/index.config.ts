export default definePageConfig({ navigationBarTitleText: '点名进度', enablePullDownRefresh: true });
