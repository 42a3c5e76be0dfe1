export default definePageConfig({ navigationBarTitleText: '入户复核' });
