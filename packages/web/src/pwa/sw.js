/* global self, caches, __SLRT_SHELL__ */
// The SLRT service worker: keeps the app shell so the app opens on a weak or lost link.
// Built by the plugin in vite.config.ts, which replaces the two placeholders below with the
// build's version and the files of the shell. Never caches /api: data stays live.

const VERSION = '__SLRT_VERSION__';
const SHELL = __SLRT_SHELL__;
const CACHE = `slrt-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('slrt-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    // Network first, so a new version shows at once; the cached shell when offline.
    event.respondWith(
      fetch(request).catch(() =>
        caches.match('/index.html').then((shell) => shell || new Response('Offline', { status: 503 })),
      ),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change content: cache first, and keep lazily loaded pages.
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ||
          fetch(request).then((response) => {
            // A server's SPA fallback answers a missing file with index.html: never keep that as code.
            const type = response.headers.get('content-type') || '';
            if (response.ok && !type.includes('text/html')) {
              const copy = response.clone();
              caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
    return;
  }

  // Icons and the manifest: the cached copy, else the network.
  event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
});
