import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

/** Files of the app shell outside the bundle (public/), kept by the service worker. */
const PUBLIC_SHELL = ['/index.html', '/manifest.webmanifest', '/icons/icon.svg', '/icons/icon-192.png', '/icons/icon-512.png'];

/**
 * Emits `sw.js` from `src/pwa/sw.js`, filling in the build's shell files (index.html, the
 * entry chunk with its static imports and CSS, public files) and a version derived from
 * them. Lazily loaded pages are cached when first used, not downloaded up front.
 */
function serviceWorker(): Plugin {
  return {
    name: 'slrt-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const shell = new Set(PUBLIC_SHELL);
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk' || !file.isEntry) continue;
        shell.add(`/${file.fileName}`);
        for (const imported of file.imports) shell.add(`/${imported}`);
        for (const css of file.viteMetadata?.importedCss ?? []) shell.add(`/${css}`);
      }
      const files = [...shell].sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(new URL('./src/pwa/sw.js', import.meta.url), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'sw.js',
        source: template.replace('__SLRT_VERSION__', version).replace('__SLRT_SHELL__;', `${JSON.stringify(files)};`),
      });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Budget of the entry chunk for a cheap phone on a weak link: React DOM is ~190 kB of it;
    // features load lazily (routes.tsx) and do not count here.
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      treeshake: {
        // @slrt/core is pure (ARCHITECTURE.md: no I/O, no import-time effects), but its
        // schemas are top-level zod calls that a bundler must otherwise keep. Declaring its
        // modules side-effect free lets a page carry only the parts of core it uses.
        moduleSideEffects: [{ test: /[\\/]packages[\\/]core[\\/]src[\\/]/, sideEffects: false }],
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  preview: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
