// CSS imports in page tests: nothing to apply in jsdom.
export default {};
