import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, LOCALES, messageArguments } from '@slrt/core';
import { NOTES_KEY } from './catalog.ts';

// Reads the files from disk rather than through the bundle, so a file the glob would miss
// (a typo in a folder name, a locale without the namespace) fails here too.
const root = new URL('./locales/', import.meta.url);

function load(locale: string, namespace: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${locale}/${namespace}.json`, root), 'utf8')) as Record<string, unknown>;
}

function messageKeys(file: Record<string, unknown>): string[] {
  return Object.keys(file).filter((k) => k !== NOTES_KEY).sort();
}

/** `{name}`s and plural counts (`{n, plural, one {...} other {...}}`): each language reads the same. */
const placeholders = messageArguments;

const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const namespaces = [...new Set(folders.flatMap((l) => readdirSync(new URL(`${l}/`, root)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5))))].sort();

describe('web message catalogs', () => {
  it('has one folder per locale, no more and no fewer', () => {
    expect(folders.sort()).toEqual([...LOCALES].sort());
  });

  it('has the namespaces common, auth and admin at least', () => {
    expect(namespaces).toEqual(expect.arrayContaining(['common', 'auth', 'admin']));
  });

  describe.each(namespaces)('namespace %s', (namespace) => {
    const source = load(DEFAULT_LOCALE, namespace);
    const sourceKeys = messageKeys(source);

    it.each(LOCALES.filter((l) => l !== DEFAULT_LOCALE))('has the same keys in %s as in the source language', (locale) => {
      const other = messageKeys(load(locale, namespace));
      expect({ missingIn: locale, keys: sourceKeys.filter((k) => !other.includes(k)) }).toEqual({ missingIn: locale, keys: [] });
      expect({ missingIn: DEFAULT_LOCALE, keys: other.filter((k) => !sourceKeys.includes(k)) }).toEqual({ missingIn: DEFAULT_LOCALE, keys: [] });
    });

    it.each([...LOCALES])('has only non-empty strings in %s', (locale) => {
      const file = load(locale, namespace);
      const bad = messageKeys(file).filter((k) => typeof file[k] !== 'string' || (file[k] as string).trim() === '');
      expect(bad).toEqual([]);
    });

    it.each(LOCALES.filter((l) => l !== DEFAULT_LOCALE))('uses the same {placeholders} in %s', (locale) => {
      const other = load(locale, namespace);
      const differing = sourceKeys.filter(
        (k) => JSON.stringify(placeholders(String(source[k]))) !== JSON.stringify(placeholders(String(other[k] ?? ''))),
      );
      expect(differing).toEqual([]);
    });

    it('has a translator note for every key, and none for a key that does not exist', () => {
      const notes = (source[NOTES_KEY] ?? {}) as Record<string, unknown>;
      expect(sourceKeys.filter((k) => typeof notes[k] !== 'string' || (notes[k] as string).trim() === '')).toEqual([]);
      expect(Object.keys(notes).filter((k) => !sourceKeys.includes(k))).toEqual([]);
    });

    it.each(LOCALES.filter((l) => l !== DEFAULT_LOCALE))('keeps notes only in the source file, not in %s', (locale) => {
      expect(Object.keys(load(locale, namespace))).not.toContain(NOTES_KEY);
    });
  });
});
