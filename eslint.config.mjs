// ESLint (flat config) with Nx module boundaries: domain code stays pure and shared, features
// and apps compose it, and one context's feature never imports another's.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/dist', '**/node_modules', '**/.infra', '**/data', '**/coverage', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: ['@spbe/ledger-core/testing', '@spbe/messaging/testing', '@spbe/read-models/testing'],
          depConstraints: [
            { sourceTag: 'type:core', onlyDependOnLibsWithTags: ['type:core'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:core', 'type:domain'] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:core', 'type:adapter'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:core', 'type:adapter', 'type:domain'] },
            { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:core', 'type:adapter', 'type:platform', 'type:domain'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:core', 'type:platform', 'type:feature', 'type:adapter', 'type:domain'] },
            { sourceTag: 'scope:registry', onlyDependOnLibsWithTags: ['scope:registry', 'scope:shared'] },
            { sourceTag: 'scope:audit', onlyDependOnLibsWithTags: ['scope:audit', 'scope:shared', 'scope:registry'] },
            { sourceTag: 'scope:evaluation', onlyDependOnLibsWithTags: ['scope:evaluation', 'scope:shared', 'scope:registry', 'scope:audit'] },
            { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:reporting', 'scope:shared', 'scope:registry', 'scope:audit', 'scope:evaluation'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/testing/**/*.ts', '**/*.suite.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
];
