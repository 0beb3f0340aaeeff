import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/data/**', '.s3-import/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['src/domain/**/*.ts', 'src/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['inversify', 'reflect-metadata', '@aws-sdk/*', 'node:fs', 'node:fs/*', 'fs', '@duckdb/*', 'better-sqlite3'], message: 'The domain and ports stay pure: no SDK, DI or filesystem (see docs/architecture.md).' },
            { group: ['**/adapters/**', '**/app/**', '**/cli/**'], message: 'The domain and ports must not import adapters, app or cli.' },
          ],
        },
      ],
    },
  },
);
