// Lint: typescript-eslint's recommended rules plus Nx module boundaries. The tags in each
// project.json say who may import whom; a service can never import another service, and a
// contracts library imports nothing but contracts.
const nx = require('@nx/eslint-plugin');

const services = ['feature-ingest', 'materializer', 'tracker', 'registry', 'env-verifier', 'audit-ledger'];
const scopeRules = services.map((s) => ({ sourceTag: `scope:${s}`, onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'] }));
const TEST_FILES = ['**/test/**/*.ts', '**/*.spec.ts'];
const COMMON_RULES = {
  '@typescript-eslint/no-explicit-any': 'off',
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
  '@typescript-eslint/no-non-null-assertion': 'off',
};

module.exports = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/node_modules', '**/dist', '.state', '.nx', 'libs/contracts/src/generated/**', '**/*.js'] },
  {
    files: ['**/*.ts'],
    ignores: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            ...scopeRules,
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:platform', 'type:util', 'type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            { sourceTag: 'type:sdk', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:platform', 'type:tool', 'type:sdk'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:platform', 'type:sdk', 'type:tool', 'type:testing'] },
          ],
        },
      ],
      ...COMMON_RULES,
    },
  },
  {
    // Tests may also use the harness, the platform and the stack tools; production code may not.
    // Scopes still hold: a service's tests cannot import another service.
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          depConstraints: [
            ...scopeRules,
            { sourceTag: '*', onlyDependOnLibsWithTags: ['type:platform', 'type:util', 'type:contracts', 'type:testing', 'type:tool', 'type:sdk'] },
          ],
        },
      ],
      ...COMMON_RULES,
    },
  },
];
