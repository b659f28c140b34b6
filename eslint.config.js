// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Lint config: recommended JS + type-aware TypeScript rules; formatting is Prettier's job. */
export default tseslint.config(
  { ignores: ['node_modules/**', 'scratch/**', 'docs/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'Use a seeded generator: runs must be reproducible.',
        },
        { object: 'Date', property: 'now', message: 'Engines and models must not read the clock.' },
      ],
    },
  },
  prettier,
);
