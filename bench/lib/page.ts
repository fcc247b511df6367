/**
 * How a rewritten docs/benchmarks.md keeps what people wrote on it. The generator owns one block:
 * from its title (`# Benchmarks at kabupaten size`) through the `<!-- bench-results … -->` line.
 * Everything before and after that block (marked sections of the other benchmarks and any
 * hand-written text between them) stays byte for byte. Inside the block, hand-written text
 * survives only inside `<!-- kept:NAME -->` … `<!-- /kept:NAME -->`: it goes back at the end of the
 * section it stood in (the nearest heading above it), or before the results if that heading is gone.
 */

const REPORT_TITLE = '# Benchmarks at kabupaten size';
const RESULTS = /^<!-- bench-results [^\n]*-->[^\n]*(\n|$)/m;
const KEPT = /<!-- kept:([\w-]+) -->[\s\S]*?<!-- \/kept:\1 -->/g;

/** Start and end of the generator's block in `page`, or null when the page has none. */
function generatedBlock(page: string): { start: number; end: number } | null {
  const results = RESULTS.exec(page);
  if (!results) return null;
  const title = page.startsWith(`${REPORT_TITLE}\n`) ? 0 : page.lastIndexOf(`\n${REPORT_TITLE}\n`, results.index) + 1;
  return { start: title, end: results.index + results[0].length };
}

/** The heading line (`#`…) nearest above `index` in `text`, or null. */
function headingAbove(text: string, index: number): string | null {
  const headings = [...text.slice(0, index).matchAll(/^#{1,6} [^\n]*$/gm)];
  return headings.at(-1)?.[0] ?? null;
}

/** `rendered` with the kept blocks of `oldBlock` put back at the end of their sections. */
function putBackKept(oldBlock: string, rendered: string): string {
  let out = rendered;
  for (const m of oldBlock.matchAll(KEPT)) {
    const heading = headingAbove(oldBlock, m.index);
    const results = RESULTS.exec(out)?.index ?? out.length;
    let at = results;
    const h = heading ? out.search(new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm')) : -1;
    if (h >= 0 && h < results) {
      const next = out.slice(h + heading!.length).search(/^#{1,6} |^<!-- bench-results /m);
      at = next >= 0 ? h + heading!.length + next : results;
    }
    out = `${out.slice(0, at)}${m[0]}\n\n${out.slice(at)}`;
  }
  return out;
}

/**
 * The page after rendering: `rendered` (the generator's whole output) in place of the
 * generator's block of `previous`, everything else of `previous` left as it was.
 */
export function mergeReport(previous: string, rendered: string): string {
  const block = generatedBlock(previous);
  if (!block) return previous.trim() ? `${rendered.trimEnd()}\n\n${previous.trimStart()}` : rendered;
  const fresh = putBackKept(previous.slice(block.start, block.end), rendered);
  const before = previous.slice(0, block.start);
  const after = previous.slice(block.end);
  // the block ends where the old one ended: with its line break, and a blank line if one followed
  const body = after.length ? `${fresh.trimEnd()}\n` : fresh;
  return `${before}${body}${after}`;
}
