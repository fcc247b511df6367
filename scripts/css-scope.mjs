#!/usr/bin/env node
// Feature styles cannot leak into other pages (issue 13 item 11). The web app's stylesheets
// are global once loaded, so a page looked different depending on which feature's CSS had
// loaded before it. Two rules, checked in `npm run lint`:
//   1. every class is defined in ONE stylesheet (the first class of each selector, outside
//      @media print, names its owner): a feature cannot redefine a global or another feature's class;
//   2. a feature stylesheet (src/features/<name>/*.css) styles through classes only: each
//      selector starts with a class, never a bare element, id or attribute that would reach every page.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../packages/web/src');

function stylesheets(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return stylesheets(file);
    return name.endsWith('.css') ? [file] : [];
  });
}

/** A selector list split at its top-level commas (not those inside `:has(a, b)`). */
function topLevelParts(list) {
  const parts = [''];
  let depth = 0;
  for (const char of list) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) parts.push('');
    else parts[parts.length - 1] += char;
  }
  return parts;
}

/** The selectors of a stylesheet, with whether they sit inside `@media print`. */
function selectors(css) {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const found = [];
  const stack = [];
  let buffer = '';
  for (const char of text) {
    if (char === '{') {
      const head = buffer.trim();
      buffer = '';
      stack.push(head);
      if (head.startsWith('@') || /^(from|to|\d+%)/.test(head)) continue;
      const print = stack.some((h) => /^@media\s+print/.test(h));
      for (const selector of topLevelParts(head)) found.push({ selector: selector.trim(), print });
    } else if (char === '}') {
      stack.pop();
      buffer = '';
    } else if (char === ';') {
      buffer = '';
    } else {
      buffer += char;
    }
  }
  return found;
}

const owners = new Map();
const problems = new Set();
// the global stylesheet first: it owns what it defines
const files = stylesheets(root).sort((a, b) => Number(b === path.join(root, 'styles.css')) - Number(a === path.join(root, 'styles.css')));
for (const file of files) {
  const name = path.relative(root, file);
  const feature = name.startsWith(`features${path.sep}`);
  for (const { selector, print } of selectors(readFileSync(file, 'utf8'))) {
    if (feature && !selector.startsWith('.')) problems.add(`${name}: "${selector}" does not start with a class; a feature styles its own classes only`);
    const owned = /^\.([A-Za-z][\w-]*)/.exec(selector)?.[1];
    if (!owned || print) continue;
    const owner = owners.get(owned);
    if (owner && owner !== name) problems.add(`${name}: .${owned} is already defined in ${owner}; give the feature its own class`);
    else owners.set(owned, name);
  }
}

if (problems.size) {
  console.error(`css-scope: ${problems.size} problem(s)\n${[...problems].join('\n')}`);
  process.exit(1);
}
console.log(`css-scope: ${owners.size} classes, each defined in one stylesheet`);
