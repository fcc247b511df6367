#!/usr/bin/env node
// No source file past 400 lines (issue 20 item 7; docs/STYLE.md: "split it by concept, do not
// switch the limit off"). Checked in `npm run lint` over packages/*/src and bench: TypeScript,
// JavaScript and CSS, tests included. Migrations (SQL, outside src) and generated types
// (*.d.ts, *.generated.ts) are not counted.
//
// EXEMPT lists the files still past the limit. The list only shrinks: a listed file may not grow
// past its number, a file that shrank must have its number lowered, and a file back under the
// limit must leave the list.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';

const LIMIT = 400;

/** path (from the repository root) -> the most lines it may have. */
const EXEMPT = {
  'packages/web/src/styles.css': 778,
};

const root = path.resolve(import.meta.dirname, '..');
const SOURCE = /\.(ts|tsx|js|mjs|cjs|css)$/;
const GENERATED = /(\.d\.ts|\.generated\.ts)$/;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name === 'migrations') return [];
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return files(file);
    return SOURCE.test(name) && !GENERATED.test(name) ? [file] : [];
  });
}

const roots = [
  ...readdirSync(path.join(root, 'packages')).map((p) => path.join(root, 'packages', p, 'src')).filter((d) => existsSync(d)),
  path.join(root, 'bench'),
];

const problems = [];
const seen = new Set();
for (const file of roots.flatMap(files)) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  const text = readFileSync(file, 'utf8');
  const lines = text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const allowed = EXEMPT[rel];
  if (allowed === undefined) {
    if (lines > LIMIT) problems.push(`${rel}: ${lines} lines, past the limit of ${LIMIT}: split it by concept`);
    continue;
  }
  seen.add(rel);
  if (lines > allowed) problems.push(`${rel}: ${lines} lines, grew past its exemption of ${allowed}: exempt files may only shrink`);
  else if (lines <= LIMIT) problems.push(`${rel}: ${lines} lines, within the limit now: remove it from EXEMPT in scripts/file-size.mjs`);
  else if (lines < allowed) problems.push(`${rel}: ${lines} lines, shrank: lower its number in EXEMPT in scripts/file-size.mjs to ${lines}`);
}
for (const rel of Object.keys(EXEMPT)) {
  if (!seen.has(rel)) problems.push(`${rel}: listed in EXEMPT but not found: remove it from scripts/file-size.mjs`);
}

if (problems.length) {
  console.error(`file-size: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
