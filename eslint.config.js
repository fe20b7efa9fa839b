// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const PURE_LAYER_MESSAGE =
  'src/model, src/analysis and src/query are pure: no I/O, no database driver, no UI. ' +
  'Do the I/O in src/store, src/ingest, src/service or src/cli and pass data in.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'scratch/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The web app is typed against the DOM, in its own project.
    files: ['src/web/**/*.ts', 'src/web/**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['./tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: globals.browser,
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                '@duckdb/*',
                'hono',
                'hono/*',
                '@hono/*',
                '**/store/**',
                '**/ingest/**',
                '**/service/**',
                '**/query/**',
                '**/cli/**',
                '**/server/**',
              ],
              allowTypeImports: true,
              message:
                "The web app runs in the browser and talks to the server over the API only (src/web/api.ts); it may import the server's types, never its code.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/model/**', 'src/analysis/**', 'src/query/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'zlib', 'stream', 'child_process'],
              message: PURE_LAYER_MESSAGE,
            },
            {
              group: ['@duckdb/*', 'pg', '@clickhouse/*', 'react', 'react-dom', 'hono', 'hono/*'],
              message: PURE_LAYER_MESSAGE,
            },
            {
              group: ['**/store/**', '**/ingest/**', '**/service/**', '**/cli/**', '**/server/**'],
              message: PURE_LAYER_MESSAGE,
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: PURE_LAYER_MESSAGE }],
    },
  },
  {
    files: ['src/service/**', 'src/store/**', 'src/ingest/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['hono', 'hono/*', '@hono/*', '**/server/**', '**/cli/**'],
              message:
                'Dependencies point inward: services, stores and ingest know nothing of HTTP or the command line.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through src/config.ts only.',
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
);
