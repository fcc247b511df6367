import fs from 'node:fs';

/**
 * Writes `section` (which starts with `<!-- section:NAME -->` and ends with
 * `<!-- /section:NAME -->`) into `file`, replacing the section of that name or appending it.
 * `npm run bench` keeps marked sections when it rewrites docs/benchmarks.md.
 */
export function writeMarkedSection(file: string, name: string, section: string): void {
  const page = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const re = new RegExp(`<!-- section:${name} -->[\\s\\S]*?<!-- /section:${name} -->`);
  fs.writeFileSync(file, re.test(page) ? page.replace(re, () => section) : `${page.trimEnd()}\n\n${section}\n`);
}
