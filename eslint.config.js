import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.waymark/', 'bin/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['describe', 'it', 'test', 'suite'], package: 'node:test' }] },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // A second guard on the layers (docs/architecture.md; tests/architecture.test.ts is the first): the domain is pure, and
  // the faces never speak SQL or DuckDB.
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', '!node:crypto'], message: 'the domain is pure: no I/O (node:crypto hashes only)' },
            { group: ['pg', 'kysely', 'fastify', 'pino', '@duckdb/*'], message: 'the domain is pure: no database, web or log' },
            {
              group: ['**/store/**', '**/services/**', '**/compute/**', '**/web/**', '**/api/**', '**/cli/**', '**/imports/**'],
              message: 'the domain imports only the domain',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/web/**/*.ts', 'src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/store/**', '**/compute/**', 'pg', 'kysely', '@duckdb/*'], message: 'pages and the API go through services/' }],
        },
      ],
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
