import { describe, expect, it } from 'vitest';
import { MESSAGES, t } from './messages.ts';
import { localeFromAcceptLanguage } from './locale.ts';
import { messageArguments } from './message-format.ts';

describe('message catalogs', () => {
  it('have the same keys in Indonesian and English', () => {
    const id = Object.keys(MESSAGES.id).sort();
    const en = Object.keys(MESSAGES.en).sort();
    expect(id.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !id.includes(k))).toEqual([]);
  });

  it('read the same placeholders and plural counts in both languages', () => {
    const differing = Object.keys(MESSAGES.id).filter((k) => JSON.stringify(messageArguments(MESSAGES.id[k] ?? '')) !== JSON.stringify(messageArguments(MESSAGES.en[k] ?? '')));
    expect(differing).toEqual([]);
  });

  it('agree a count with its noun in English', () => {
    expect(t('en', 'auth.locked', { minutes: 1 })).toContain('in 1 minute.');
    expect(t('en', 'auth.locked', { minutes: 15 })).toContain('in 15 minutes.');
    expect(t('id', 'auth.locked', { minutes: 1 })).toContain('setelah 1 menit.');
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
