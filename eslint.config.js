import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import tseslint from 'typescript-eslint';
import { browserGlobalsInPage } from './scripts/eslint/browserGlobalsInPage.mjs';

export default tseslint.config(
  // assembly/: AssemblyScript (compiled by asc, not tsc: its casts such as <usize> mean something there).
  { ignores: ['dist', 'node_modules', 'public', 'test-results', 'playwright-report', '.bench', 'assembly'] },
  {
    // Type-aware: each file is linted with the types of the tsconfig that includes it
    // (tsconfig.app.json, tsconfig.node.json or tsconfig.sw.json, found through tsconfig.json).
    // The plain JavaScript below is not: without types nearly every value is `any`, so the
    // no-unsafe-* rules would flag most lines and the promise rules could not see promises.
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.browser, ...globals.worker, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks, 'react-refresh': reactRefresh },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-refresh/only-export-components': ['warn', { allowConstantExport: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The CLIP core must stay framework-free: usable from the worker, Node and tests.
    files: ['src/clip/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'react/*', 'zustand', '../app/*', '../../app/*'] }],
    },
  },
  {
    // Plain JavaScript run by Node: the benchmark runner, the model scripts, this file.
    files: ['bench/**/*.mjs', 'scripts/**/*.mjs', 'eslint.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: globals.node },
  },
  {
    // The benchmark drives Chromium: the callbacks it hands to page.evaluate() and the like run
    // in the page, so browser globals are allowed there, and only there.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { local: { rules: { 'browser-globals-in-page': browserGlobalsInPage } } },
    rules: { 'local/browser-globals-in-page': 'error' },
  },
  {
    // The peer library's page, built by Vite for the benchmark: browser code.
    files: ['bench/peer/**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: globals.browser },
  },
);
