import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SQL_START = '/^\\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|TRUNCATE|LOCK|VACUUM|ANALYZE)\\s/';
const SQL_MESSAGE = "SQL belongs in the domain's queries module (queries.ts or *-queries.ts): docs/DEVELOPING.md, 'Layers'";

// Files that still hold SQL from before the rule (issue 20). The list only shrinks: move a
// file's statements into its domain's queries module and delete its line here.
const SQL_NOT_YET_MOVED = [
  'packages/server/src/referrals/demo.ts',
  'packages/server/src/referrals/links.ts',
  'packages/server/src/referrals/overdue.ts',
];

export default tseslint.config(
  { ignores: ['**/dist/**', 'node_modules/**', 'data/**', '**/*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: { allowDefaultProject: ['vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: ['@slrt/server', '@slrt/web'] }],
    },
  },
  {
    // SQL lives in a domain's queries modules (queries.ts, *-queries.ts), the data layer (db/,
    // with the migrations), tests and the benchmarks. Caught: a string or template whose text
    // begins with an SQL statement keyword, and a `.query()` call with its text written in place.
    files: ['packages/**/*.ts', 'packages/**/*.tsx'],
    ignores: ['**/queries.ts', '**/*-queries.ts', 'packages/server/src/db/**', '**/*.test.ts', '**/testing.ts', '**/testing/**', 'packages/web/e2e/**', ...SQL_NOT_YET_MOVED],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: `Literal[value=${SQL_START}]`, message: SQL_MESSAGE },
        { selector: `TemplateLiteral > TemplateElement:first-child[value.raw=${SQL_START}]`, message: SQL_MESSAGE },
        { selector: "CallExpression[callee.property.name='query'][arguments.0.type=/^(Literal|TemplateLiteral)$/]", message: SQL_MESSAGE },
      ],
    },
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@slrt/server', '@slrt/web', 'node:*', 'fs', 'pg', '@electric-sql/*'] }],
    },
  },
);
