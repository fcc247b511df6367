// Folder-level cycles between the server's domains (packages/server/src/<domain>/), which
// dependency-cruiser's file rules cannot see: cases -> referrals -> cases is a cycle even when
// no single file closes it. Tests are left out (they sit on top of everything by design).
// Run by `npm run lint`; exits 1 and prints one file edge per direction of every cycle.
import { cruise } from 'dependency-cruiser';
import extractDepcruiseConfig from 'dependency-cruiser/config-utl/extract-depcruise-config';

const DOMAIN = /^packages\/server\/src\/([^/]+)\//;
const config = await extractDepcruiseConfig('./.dependency-cruiser.cjs');
const { output } = await cruise(['packages/server/src'], {
  ...config.options,
  validate: false,
  exclude: { path: ['node_modules', '\\.test\\.ts$', '/testing\\.ts$', '^packages/server/src/testing/'] },
});

/** @type {Map<string, Map<string, string>>} domain -> (domain -> one example edge) */
const edges = new Map();
for (const mod of output.modules) {
  const from = DOMAIN.exec(mod.source)?.[1];
  if (!from) continue;
  for (const dep of mod.dependencies) {
    const to = DOMAIN.exec(dep.resolved)?.[1];
    if (!to || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    const out = edges.get(from);
    if (!out.has(to)) out.set(to, `${mod.source} -> ${dep.resolved}`);
  }
}

// Tarjan's strongly connected components: every component of more than one domain is a cycle.
let index = 0;
const stack = [];
const state = new Map();
const components = [];
function visit(v) {
  state.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!state.has(w)) {
      visit(w);
      state.get(v).low = Math.min(state.get(v).low, state.get(w).low);
    } else if (state.get(w).onStack) {
      state.get(v).low = Math.min(state.get(v).low, state.get(w).index);
    }
  }
  if (state.get(v).low === state.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      state.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const v of edges.keys()) if (!state.has(v)) visit(v);

if (components.length === 0) {
  console.log('domain-cycles: no cycle between server domains');
} else {
  for (const component of components) {
    console.error(`error no-domain-cycle: ${component.join(' <-> ')}`);
    for (const a of component) {
      for (const [b, example] of edges.get(a) ?? []) if (component.includes(b)) console.error(`    ${a} -> ${b}: ${example}`);
    }
  }
  process.exit(1);
}
