import { describe, expect, it } from 'vitest';
import { ROUTES } from './routes.tsx';

describe('route table', () => {
  it('gives every route exactly one access rule', () => {
    const wrong = ROUTES.filter(
      (r) => [r.public, r.open, r.anyUser, r.permission, r.roles].filter((rule) => rule !== undefined).length !== 1,
    ).map((r) => r.path);
    expect(wrong).toEqual([]);
  });

  it('has unique paths', () => {
    const paths = ROUTES.map((r) => r.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
  });

  it('puts nothing but the sign-in page outside sign-in', () => {
    expect(ROUTES.filter((r) => r.public).map((r) => r.path)).toEqual(['/masuk']);
  });

  it('opens to everyone only the public service pages (tracking, letter verification)', () => {
    expect(ROUTES.filter((r) => r.open).map((r) => r.path).sort()).toEqual(['/lacak', '/lacak-rujukan/:code', '/tautan-rujukan/:token', '/verifikasi/:token']);
  });
});
