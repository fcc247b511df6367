import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeReport } from './lib/page.ts';
import { readEmbeddedResults, writeReport } from './lib/report.ts';

/** Rendering docs/benchmarks.md again keeps every hand-written part (no database, no measuring). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slrt-bench-page-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const results = (n: number) => `<!-- bench-results {"report":{"n":${n}}} -->\n`;
const generated = (n: number) =>
  `# Benchmarks at kabupaten size\n\nfigure ${n}\n\n## 1. Import\n\nimport ${n}\n\n## 2. Search\n\nsearch ${n}\n\n## Findings and changes\n\nfindings ${n}\n\n${results(n)}`;

const OLD = [
  '<!-- a note above the title -->\n\n',
  generated(1).replace('import 1\n\n', 'import 1\n\n<!-- kept:import-note -->\nImport, hand-written.\n<!-- /kept:import-note -->\n\n'),
  '\n<!-- section:linkage -->\n## Record linkage\n\nlinkage table\n<!-- /section:linkage -->\n\n',
  '### Where recall is lost (hand-written study)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n### Second pass\n\n- changed\n\n',
  '<!-- section:search -->\n## Name search: who is found\n\nsearch section\n<!-- /section:search -->\n',
].join('');

describe('rendering the benchmark page again', () => {
  it('replaces the generated part and leaves every hand-written part in place', () => {
    const page = mergeReport(OLD, generated(2));
    expect(page).toContain('figure 2');
    expect(page).toContain('findings 2');
    expect(page).toContain(results(2));
    expect(page).not.toMatch(/figure 1|import 1\n|findings 1|"n":1/);
    // before and after the generated part: byte for byte
    expect(page.startsWith('<!-- a note above the title -->\n\n# Benchmarks at kabupaten size\n')).toBe(true);
    const tail = OLD.slice(OLD.indexOf(results(1)) + results(1).length);
    expect(page.endsWith(tail)).toBe(true);
    expect(page).toContain(`${results(2)}\n<!-- section:linkage -->`);
    // a kept block inside the generated part goes back at the end of its section
    expect(page).toContain('import 2\n\n<!-- kept:import-note -->\nImport, hand-written.\n<!-- /kept:import-note -->\n\n## 2. Search');
    // rendering twice changes nothing more
    expect(mergeReport(page, generated(2))).toBe(page);
  });

  it('writes a new page as rendered, and keeps a page that has no generated part yet below it', () => {
    expect(mergeReport('', generated(3))).toBe(generated(3));
    const sections = '<!-- section:soak -->\n## Soak\n<!-- /section:soak -->\n';
    expect(mergeReport(sections, generated(3))).toBe(`${generated(3).trimEnd()}\n\n${sections}`);
  });

  it('renders docs/benchmarks.md from its own results without losing a byte', () => {
    const docs = fs.readFileSync(path.resolve(import.meta.dirname, '../docs/benchmarks.md'), 'utf8');
    const embedded = readEmbeddedResults(docs);
    expect(embedded).not.toBeNull();
    const file = path.join(dir, 'benchmarks.md');
    const handWritten = '\n### A hand-written study\n\nIt stays.\n';
    fs.writeFileSync(file, `${docs}${handWritten}`);
    writeReport(file, { ...embedded!.report, findings: 'Findings written again.' });
    const page = fs.readFileSync(file, 'utf8');
    expect(page).toContain('Findings written again.');
    const after = (md: string) => md.slice(md.search(/^<!-- bench-results .*$/m)).replace(/^[^\n]*\n/, '');
    expect(after(page)).toBe(after(`${docs}${handWritten}`));
  });
});
