export default definePageConfig({ navigationBarTitleText: '跟踪帮扶' });
