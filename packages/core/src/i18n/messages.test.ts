import { describe, expect, it } from 'vitest';
import { MESSAGES, t } from './messages.ts';
import { localeFromAcceptLanguage } from './locale.ts';

describe('message catalogs', () => {
  it('have the same keys in Indonesian and English', () => {
    const id = Object.keys(MESSAGES.id).sort();
    const en = Object.keys(MESSAGES.en).sort();
    expect(id.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !id.includes(k))).toEqual([]);
  });

  it('fills placeholders', () => {
    expect(t('en', 'field.required', { field: 'nik' })).toBe('nik is required.');
    expect(t('id', 'field.required', { field: 'nik' })).toBe('nik wajib diisi.');
  });

  it('picks the locale from Accept-Language, Indonesian by default', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('id');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('fr, en;q=0.5, id;q=0.8')).toBe('id');
    expect(localeFromAcceptLanguage('de')).toBe('id');
  });
});
