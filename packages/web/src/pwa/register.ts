/**
 * Registers the service worker (built from `sw.js` by the plugin in vite.config.ts) in
 * production builds only: in development it would serve stale modules.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      // The app works without it; only offline start-up is lost.
      console.warn('service worker not registered', error);
    });
  });
}
