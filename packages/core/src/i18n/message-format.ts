import type { Locale } from './locale.ts';

/**
 * The message form of both catalogs (core's and the web's): `{name}` placeholders, and counts
 * that change the words around them, written as ICU MessageFormat writes them:
 *
 *   "{n, plural, one {# case selected} other {# cases selected}}"
 *
 * The arm is chosen by the language's plural rules (`Intl.PluralRules`, in every browser and
 * in Node): English has `one` and `other`; Indonesian has only `other`, so its messages keep a
 * plain `{n}` ("{n} kasus dipilih"). `=0 {...}` matches the exact number first. In an arm, `#`
 * is the number and `{other}` placeholders work as anywhere else. Only this subset: no
 * `select`, no `selectordinal`, no quoting.
 */

const rulesByLocale = new Map<Locale, Intl.PluralRules>();

function pluralRules(locale: Locale): Intl.PluralRules {
  let rules = rulesByLocale.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    rulesByLocale.set(locale, rules);
  }
  return rules;
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function closing(template: string, open: number): number {
  let depth = 0;
  for (let i = open; i < template.length; i++) {
    if (template[i] === '{') depth++;
    else if (template[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

interface Plural {
  name: string;
  arms: Map<string, string>;
}

/** `n, plural, one {...} other {...}` (the inside of the outer braces), or null for another form. */
function parsePlural(inside: string): Plural | null {
  const head = /^\s*(\w+)\s*,\s*plural\s*,/.exec(inside);
  if (!head?.[1]) return null;
  const arms = new Map<string, string>();
  let at = head[0].length;
  while (at < inside.length) {
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(inside.slice(at));
    if (!selector?.[1]) break;
    const open = at + selector[0].length - 1;
    const end = closing(inside, open);
    if (end < 0) return null;
    arms.set(selector[1], inside.slice(open + 1, end));
    at = end + 1;
  }
  return arms.has('other') ? { name: head[1], arms } : null;
}

function choose(plural: Plural, value: number, locale: Locale): string {
  return plural.arms.get(`=${value}`) ?? plural.arms.get(pluralRules(locale).select(value)) ?? plural.arms.get('other') ?? '';
}

interface Part {
  /** The text before the argument. */
  before: string;
  /** The argument with its braces, as written. */
  source: string;
  /** Its name (`{n}`), or null for text in braces that is no argument. */
  name: string | null;
  plural: Plural | null;
}

/** The arguments of a template in order (each `{...}` at the top level), and the text after the last. */
function partsOf(template: string): { parts: Part[]; rest: string } {
  const parts: Part[] = [];
  let at = 0;
  for (let open = template.indexOf('{'); open >= 0; open = template.indexOf('{', at)) {
    const end = closing(template, open);
    if (end < 0) break;
    const inside = template.slice(open + 1, end);
    const plural = inside.includes(',') ? parsePlural(inside) : null;
    const name = plural ? plural.name : /^\w+$/.test(inside) ? inside : null;
    parts.push({ before: template.slice(at, open), source: template.slice(open, end + 1), name, plural });
    at = end + 1;
  }
  return { parts, rest: template.slice(at) };
}

/**
 * Fills a template: `{name}` from `params` (left as is when absent, so that a gap shows), and
 * each plural form by the count it names, in `locale`'s plural rules.
 */
export function formatMessage(template: string, params: Record<string, string | number> | undefined, locale: Locale): string {
  if (!params) return template;
  const { parts, rest } = partsOf(template);
  let out = '';
  for (const { before, source, name, plural } of parts) {
    out += before;
    const raw = name === null ? undefined : params[name];
    if (raw === undefined) out += source;
    else if (!plural) out += String(raw);
    else {
      // the count as the caller wrote it (a number, or a string it already formatted: "1.234")
      const value = typeof raw === 'number' ? raw : Number(raw.replace(/[^\d-]/g, ''));
      out += formatMessage(choose(plural, value, locale).replaceAll('#', String(raw)), params, locale);
    }
  }
  return out + rest;
}

/**
 * The arguments a template reads, sorted: plain `{name}`s, each plural's count, and the
 * placeholders inside its arms. Two languages' versions of a message must read the same ones.
 */
export function messageArguments(template: string): string[] {
  const names = new Set<string>();
  for (const { name, plural } of partsOf(template).parts) {
    if (name !== null) names.add(name);
    for (const arm of plural?.arms.values() ?? []) for (const inner of messageArguments(arm)) names.add(inner);
  }
  return [...names].sort();
}
