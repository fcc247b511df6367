import { describe, expect, it } from 'vitest';
import { matchPath, safeNextPath } from './path-match.ts';

describe('matchPath', () => {
  it('matches static paths, ignoring trailing slashes', () => {
    expect(matchPath('/admin/pengguna', '/admin/pengguna')).toEqual({});
    expect(matchPath('/admin/pengguna', '/admin/pengguna/')).toEqual({});
    expect(matchPath('/', '/')).toEqual({});
  });

  it('captures and decodes parameters', () => {
    expect(matchPath('/kasus/:id/rujukan/:ref', '/kasus/abc/rujukan/R%2F1')).toEqual({ id: 'abc', ref: 'R/1' });
  });

  it('rejects other lengths and other segments', () => {
    expect(matchPath('/admin/pengguna', '/admin')).toBeNull();
    expect(matchPath('/admin/pengguna/:id', '/admin/pengguna')).toBeNull();
    expect(matchPath('/admin', '/audit')).toBeNull();
    expect(matchPath('/x/:id', '/x/%E0%A4%A')).toBeNull();
  });
});

describe('safeNextPath', () => {
  it('keeps same-origin paths and refuses the rest', () => {
    expect(safeNextPath('/admin?x=1')).toBe('/admin?x=1');
    expect(safeNextPath('//evil.example')).toBeNull();
    expect(safeNextPath('/\\evil.example')).toBeNull();
    expect(safeNextPath('https://evil.example')).toBeNull();
    expect(safeNextPath(null)).toBeNull();
  });
});
