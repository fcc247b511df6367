import type { AreaDetail, AreaItem } from '@slrt/core';
import { api, fetchAll } from './client.ts';

export type { AreaItem };

// Areas change once in years: keep what was fetched for the life of the page, to spare the link.
const children = new Map<string, Promise<AreaItem[]>>();
const details = new Map<string, Promise<AreaDetail>>();

function remember<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let promise = cache.get(key);
  if (!promise) {
    promise = load();
    cache.set(key, promise);
    // A failure is not remembered: the next attempt asks again.
    promise.catch(() => cache.delete(key));
  }
  return promise;
}

/** The areas directly under `parent` (all pages), or the top-level areas when parent is null. */
export function areaChildren(parent: string | null): Promise<AreaItem[]> {
  return remember(children, parent ?? '', () => fetchAll<AreaItem>('/areas', parent ? { parent } : {}));
}

export function areaDetail(code: string): Promise<AreaDetail> {
  return remember(details, code, () => api.get<AreaDetail>(`/areas/${encodeURIComponent(code)}`));
}
