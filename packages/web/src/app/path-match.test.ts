import { describe, expect, it } from 'vitest';
import { isCurrentLink, matchPath, safeNextPath } from './path-match.ts';

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

describe('isCurrentLink', () => {
  const at = (url: string) => {
    const [pathname = '', search = ''] = url.split(/(?=\?)/);
    return { pathname, search };
  };

  it('compares the path of a link without a query, whatever the current query', () => {
    expect(isCurrentLink('/kasus', at('/kasus'))).toBe(true);
    expect(isCurrentLink('/kasus', at('/kasus?daftar=open'))).toBe(true);
    expect(isCurrentLink('/kasus/', at('/kasus'))).toBe(true);
    expect(isCurrentLink('/kasus', at('/kasus/papan'))).toBe(false);
  });

  it('marks only the tab whose query matches, among links to the same path', () => {
    const tabs = ['/usulan?daftar=mine', '/usulan?daftar=review', '/usulan?daftar=all'];
    expect(tabs.filter((t) => isCurrentLink(t, at('/usulan?daftar=review')))).toEqual(['/usulan?daftar=review']);
    expect(tabs.filter((t) => isCurrentLink(t, at('/usulan')))).toEqual([]);
    expect(tabs.filter((t) => isCurrentLink(t, at('/kasus?daftar=review')))).toEqual([]);
  });

  it('ignores parameter order and extra parameters of the current page, not missing or differing ones', () => {
    expect(isCurrentLink('/kasus?daftar=open&wilayah=32', at('/kasus?wilayah=32&daftar=open'))).toBe(true);
    expect(isCurrentLink('/usulan?daftar=all', at('/usulan?daftar=all&terlambat=1'))).toBe(true);
    expect(isCurrentLink('/usulan?daftar=all&terlambat=1', at('/usulan?daftar=all'))).toBe(false);
    expect(isCurrentLink('/kasus?wilayah=32', at('/kasus?wilayah=3201'))).toBe(false);
    expect(isCurrentLink('/kasus?wilayah=32&wilayah=33', at('/kasus?wilayah=33&wilayah=32'))).toBe(true);
    expect(isCurrentLink('/kasus?wilayah=32&wilayah=33', at('/kasus?wilayah=32'))).toBe(false);
  });

  it('reads encoded values and ignores a fragment', () => {
    expect(isCurrentLink('/registri?q=siti%20aminah', at('/registri?q=siti+aminah'))).toBe(true);
    expect(isCurrentLink('/usulan?daftar=all#daftar', at('/usulan?daftar=all'))).toBe(true);
  });
});
