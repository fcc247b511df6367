import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaseListQuery, PersonSearchQuery } from '@slrt/core';
import { ApiError, api, buildUrl, configureApi, fetchAll, queryField } from './client.ts';

function respond(status: number, body?: unknown, contentType = 'application/json') {
  return new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': contentType },
  });
}

function stubFetch(...responses: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error('unexpected fetch');
    if (next instanceof Error) throw next;
    return next;
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  configureApi({ csrfToken: null, locale: 'id', onUnauthorized: null });
});

describe('api client', () => {
  it('sends the language always and the CSRF token on writes only', async () => {
    configureApi({ csrfToken: 'tok', locale: 'en' });
    const calls = stubFetch(respond(200, { ok: true }), respond(200, { ok: true }));
    await api.get('/users', { q: 'cin', cursor: null });
    await api.post('/users', { username: 'x' });
    const [get, post] = calls;
    expect(get?.url).toBe('/api/v1/users?q=cin');
    expect((get?.init.headers as Record<string, string>)['Accept-Language']).toBe('en');
    expect((get?.init.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect((post?.init.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok');
    expect(post?.init.body).toBe('{"username":"x"}');
    expect(post?.init.credentials).toBe('same-origin');
  });

  it('turns the error shape into ApiError, with field paths in dotted form', async () => {
    stubFetch(respond(400, { error: { code: 'validation', message: 'Tidak valid.', fields: { 'roles[0].areaCode': 'Wajib.', password: 'Pendek.' } } }));
    const error = await api.post('/users', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation', message: 'Tidak valid.', fields: { 'roles.0.areaCode': 'Wajib.', password: 'Pendek.' } });
  });

  it('localizes failures without a readable body, and network failures', async () => {
    stubFetch(respond(502, '<html>bad gateway</html>', 'text/html'), new TypeError('Failed to fetch'));
    await expect(api.get('/health')).rejects.toMatchObject({ status: 502, code: 'http_502', message: 'Terjadi kesalahan (kode 502). Coba lagi.' });
    await expect(api.get('/health')).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('reports a 401 on data calls as the end of the session, not on auth calls', async () => {
    const ended = vi.fn();
    configureApi({ onUnauthorized: ended });
    stubFetch(
      respond(401, { error: { code: 'unauthenticated', message: 'x' } }),
      respond(401, { error: { code: 'unauthenticated', message: 'x' } }),
    );
    await expect(api.post('/auth/login', {})).rejects.toBeInstanceOf(ApiError);
    expect(ended).not.toHaveBeenCalled();
    await expect(api.get('/users')).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledOnce();
  });

  it('follows nextCursor to the end', async () => {
    const calls = stubFetch(respond(200, { items: [1, 2], nextCursor: 'b' }), respond(200, { items: [3], nextCursor: null }));
    expect(await fetchAll<number>('/areas', { parent: '32.04' })).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/areas?parent=32.04', '/api/v1/areas?parent=32.04&cursor=b']);
  });

  it('reads a URL parameter through the core schema of its query field', () => {
    expect(queryField(CaseListQuery.shape.sector, 'health')).toBe('health');
    expect(queryField(CaseListQuery.shape.sector, 'no-such-sector')).toBeUndefined();
    expect(queryField(CaseListQuery.shape.sector, '')).toBeUndefined();
    expect(queryField(PersonSearchQuery.shape.birthYear, '1978')).toBe(1978);
    expect(queryField(PersonSearchQuery.shape.birthYear, 'abc')).toBeUndefined();
    expect(buildUrl('/cases', { list: 'open', sector: queryField(CaseListQuery.shape.sector, null) })).toBe('/api/v1/cases?list=open');
  });
});
