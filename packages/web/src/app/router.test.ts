import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Link } from './router.tsx';

function render(url: string, ...links: Parameters<typeof Link>[0][]): string[] {
  const parsed = new URL(url, 'http://slrt.test');
  vi.stubGlobal('location', { pathname: parsed.pathname, search: parsed.search });
  return links.map((props) => renderToStaticMarkup(createElement(Link, props)));
}

describe('Link', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('marks a link to the current path as the current page', () => {
    const [here, elsewhere] = render('/kasus?daftar=open', { to: '/kasus', children: 'Kasus' }, { to: '/registri', children: 'Registri' });
    expect(here).toBe('<a aria-current="page" href="/kasus">Kasus</a>');
    expect(elsewhere).toBe('<a href="/registri">Registri</a>');
  });

  it('marks only the tab whose query is current among tabs of one path', () => {
    const tabs = render(
      '/usulan?daftar=review',
      { to: '/usulan?daftar=mine', children: 'mine' },
      { to: '/usulan?daftar=review', children: 'review' },
      { to: '/usulan?daftar=all', children: 'all' },
    );
    expect(tabs.map((html) => html.includes('aria-current="page"'))).toEqual([false, true, false]);
  });

  it('lets the caller decide, also to say that a link is not current', () => {
    const [chosenByDefault, notCurrent] = render(
      '/usulan',
      { to: '/usulan?daftar=mine', 'aria-current': 'page', children: 'mine' },
      { to: '/usulan', 'aria-current': undefined, children: 'all' },
    );
    expect(chosenByDefault).toContain('aria-current="page"');
    expect(notCurrent).not.toContain('aria-current');
  });
});
