// ESLint (flat config): typescript-eslint's recommended rules, the React hooks rules as errors, and the Taro
// conventions. eslint-config-taro (4.2.0) is not used: it is a legacy .eslintrc config pinned to ESLint 8, the
// typescript-eslint 6 parser and eslint-plugin-react-hooks 4, so its rules that matter here are repeated below.
// Not type-aware, to stay fast: the type checker (tsc) runs on its own in `npm test`.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import react from 'eslint-plugin-react';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Taro renders its own components (View, Text, Input …); plain HTML tags do not exist in a mini-program.
const HTML_TAGS = ['a', 'b', 'br', 'button', 'canvas', 'code', 'div', 'em', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'i', 'iframe', 'img', 'input', 'label', 'li', 'main', 'nav', 'ol', 'option', 'p', 'pre', 'section', 'select', 'span', 'strong', 'table', 'td', 'textarea', 'th', 'tr', 'ul', 'video'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-h5/**', 'cloudfunctions/*/index.js', 'node_modules/**', 'bench/.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // An unused argument or binding named _x is a deliberate placeholder.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.tsx', 'src/**/*.ts'],
    plugins: { react, 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser }, parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { react: { version: '18' } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      // The loading hooks take a load and the list it depends on, like useEffect: their call sites are checked too.
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^(useResult|useLive|usePaged)$' }],
      // The new JSX transform: React need not be in scope (eslint-config-taro predates it).
      'react/react-in-jsx-scope': 'off',
      // From eslint-config-taro: the Taro conventions this code base follows.
      'jsx-quotes': ['error', 'prefer-single'],
      'react/jsx-key': 'error',
      'react/jsx-no-duplicate-props': ['error', { ignoreCase: true }],
      'react/jsx-no-comment-textnodes': 'error',
      'react/no-children-prop': 'error',
      'react/no-danger': 'error',
      'react/no-direct-mutation-state': 'error',
      'react/no-string-refs': 'error',
      'react/jsx-pascal-case': ['error', { allowAllCaps: true }],
    },
  },
  {
    files: ['src/**/*.tsx'],
    rules: {
      'react/forbid-elements': ['error', { forbid: HTML_TAGS.map((element) => ({ element, message: '在 Taro 中无法使用 HTML 标签。' })) }],
    },
  },
  {
    // Taro's build-time globals.
    files: ['src/**/*.config.ts'],
    languageOptions: { globals: { defineAppConfig: 'readonly', definePageConfig: 'readonly' } },
  },
  {
    files: ['test/**', '**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: { ...globals.jest } },
  },
);
