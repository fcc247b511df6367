import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NAMESPACES, isLoaded, loadNamespace, translate } from './catalog.ts';

const en = (namespace: string) =>
  JSON.parse(readFileSync(new URL(`./locales/en/${namespace}.json`, import.meta.url), 'utf8')) as Record<string, string>;
const cases = en('cases');

// The catalog's state is per module: the tests below run in order on one copy of it.
describe('message catalog', () => {
  it('knows every namespace that has files', () => {
    const files = readdirSync(new URL('./locales/id/', import.meta.url)).map((f) => f.replace(/\.json$/, ''));
    expect([...NAMESPACES]).toEqual(files.sort());
  });

  it('holds common and auth up front, and only the nav.* keys of the other namespaces', () => {
    expect(isLoaded('id', 'common') && isLoaded('en', 'common') && isLoaded('id', 'auth') && isLoaded('en', 'auth')).toBe(true);
    expect(translate('en', 'auth', 'signIn.title')).toBe(en('auth')['signIn.title']);
    expect(isLoaded('en', 'cases')).toBe(false);
    expect(translate('en', 'cases', 'nav.cases')).toBe(cases['nav.cases']);
    expect(translate('en', 'cases', 'list.title')).toBe('list.title');
  });

  it('loads a namespace once, in one language, then translates all its keys', async () => {
    const loading = loadNamespace('en', 'cases');
    expect(loadNamespace('en', 'cases')).toBe(loading);
    await loading;
    expect(isLoaded('en', 'cases')).toBe(true);
    expect(isLoaded('id', 'cases')).toBe(false);
    expect(translate('en', 'cases', 'list.title')).toBe(cases['list.title']);
    expect(translate('en', 'cases', 'nav.cases')).toBe(cases['nav.cases']);
    // keys of common still work from the namespace
    expect(translate('en', 'cases', 'app.name')).toBe(en('common')['app.name']);
  });

  it('agrees a count with its noun by the language\'s plural rules', async () => {
    await Promise.all([loadNamespace('en', 'proposals'), loadNamespace('id', 'proposals')]);
    expect(translate('en', 'proposals', 'bulk.selected', { count: 1 })).toBe('1 proposal selected');
    expect(translate('en', 'proposals', 'bulk.selected', { count: 3 })).toBe('3 proposals selected');
    expect(translate('id', 'proposals', 'bulk.selected', { count: 1 })).toBe('1 usulan dipilih');
    expect(translate('en', 'common', 'header.signOutOutbox', { n: 1 })).toMatch(/^1 item in the outbox has not been sent\./);
  });
});
