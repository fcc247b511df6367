import { describe, expect, it } from 'vitest';
import { formatMessage, messageArguments } from './message-format.ts';

const SELECTED = '{n, plural, one {# proposal selected} other {# proposals selected}}';

describe('formatMessage', () => {
  it('chooses the arm by the language\'s plural rules', () => {
    expect(formatMessage(SELECTED, { n: 1 }, 'en')).toBe('1 proposal selected');
    expect(formatMessage(SELECTED, { n: 2 }, 'en')).toBe('2 proposals selected');
    expect(formatMessage(SELECTED, { n: 0 }, 'en')).toBe('0 proposals selected');
    // Indonesian has one form: every count takes `other`
    expect(formatMessage('{n, plural, one {satu} other {# usulan}}', { n: 1 }, 'id')).toBe('1 usulan');
  });

  it('matches an exact number first, and fills placeholders inside an arm', () => {
    const template = 'Sent to {village}: {count, plural, =0 {no open case} one {# open case in {village}} other {# open cases}}.';
    expect(formatMessage(template, { village: 'Cinunuk', count: 0 }, 'en')).toBe('Sent to Cinunuk: no open case.');
    expect(formatMessage(template, { village: 'Cinunuk', count: 1 }, 'en')).toBe('Sent to Cinunuk: 1 open case in Cinunuk.');
    expect(formatMessage(template, { village: 'Cinunuk', count: 12 }, 'en')).toBe('Sent to Cinunuk: 12 open cases.');
  });

  it('prints the count as the caller formatted it, and reads its number for the rule', () => {
    expect(formatMessage(SELECTED, { n: '1,234' }, 'en')).toBe('1,234 proposals selected');
    expect(formatMessage(SELECTED, { n: '1' }, 'en')).toBe('1 proposal selected');
  });

  it('leaves a placeholder without its value, and text without a template, as they are', () => {
    expect(formatMessage('Step {n} of {total}', { n: 2 }, 'en')).toBe('Step 2 of {total}');
    expect(formatMessage(SELECTED, { other: 1 }, 'en')).toBe(SELECTED);
    expect(formatMessage('a { b } {c', { c: 1 }, 'en')).toBe('a { b } {c');
    expect(formatMessage('Hello {name}', undefined, 'en')).toBe('Hello {name}');
  });
});

describe('messageArguments', () => {
  it('names plain placeholders, the plural\'s count and the placeholders inside its arms', () => {
    expect(messageArguments('Step {n} of {total}: {label}')).toEqual(['label', 'n', 'total']);
    expect(messageArguments('{count, plural, one {# case in {village}} other {# cases}}')).toEqual(['count', 'village']);
    expect(messageArguments('{n} kasus dipilih')).toEqual(messageArguments(SELECTED));
  });
});
