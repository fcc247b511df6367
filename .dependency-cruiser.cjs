// The layering rules of docs/DEVELOPING.md, checked by `npm run lint` (dependency-cruiser).
// Folder-level cycles between server domains are checked by scripts/domain-cycles.mjs (same
// options), SQL outside queries modules by ESLint (eslint.config.js, 'slrt/sql-in-queries').
const SERVER = '^packages/server/src/';
const TEST = '(\\.test\\.tsx?$|/testing\\.ts$|^packages/server/src/testing/|^packages/web/e2e/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'No import cycle between files (type-only imports included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: '@slrt/core is the pure domain: it imports neither the server nor the web app.',
      severity: 'error',
      from: { path: '^packages/core/' },
      to: { path: '^packages/(server|web)/' },
    },
    {
      name: 'web-talks-http-only',
      comment: 'The web app talks to the server over HTTP only; it imports core, never server code (its browser tests start the server).',
      severity: 'error',
      from: { path: '^packages/web/', pathNot: '^packages/web/e2e/' },
      to: { path: '^packages/server/' },
    },
    {
      name: 'no-foreign-queries',
      comment:
        "A domain uses another domain through that domain's service or public module, never its queries " +
        '(queries.ts, *-queries.ts). Tests and test helpers may.',
      severity: 'error',
      from: { path: `${SERVER}([^/]+)/`, pathNot: TEST },
      to: { path: `${SERVER}[^/]+/.*queries\\.ts$`, pathNot: `${SERVER}$1/` },
    },
    {
      name: 'composition-root-on-top',
      comment: 'Only the entry points (server.ts, cli, tests, bench) import the composition root app/.',
      severity: 'error',
      from: { path: `${SERVER}[^/]+/`, pathNot: [`${SERVER}(app|cli)/`, TEST] },
      to: { path: `${SERVER}app/` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
