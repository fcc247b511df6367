import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import { precompress } from './build/precompress.ts';

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
      // The entry and what it imports statically, all the way down (React's chunk imports the
      // bundler's runtime), with their CSS.
      const visit = (fileName: string): void => {
        const file = bundle[fileName];
        if (file?.type !== 'chunk' || shell.has(`/${fileName}`)) return;
        shell.add(`/${fileName}`);
        for (const css of file.viteMetadata?.importedCss ?? []) shell.add(`/${css}`);
        for (const imported of file.imports) visit(imported);
      };
      for (const file of Object.values(bundle)) if (file.type === 'chunk' && file.isEntry) visit(file.fileName);
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

/**
 * The locale files as the app loads them (src/i18n/README.md): without the translator notes
 * (`_notes`, for translators, about half of an Indonesian file), and with `?nav` only the
 * `nav.*` keys, which the shell's menu shows before the rest of a namespace loads. (catalog.ts
 * imports those as `?nav&lang.json`: the `lang.json` tells Vite that the module is JSON.)
 */
function locales(): Plugin {
  return {
    name: 'slrt-locales',
    enforce: 'pre',
    transform: {
      filter: { id: /[\\/]src[\\/]i18n[\\/]locales[\\/][^\\/]+[\\/][^\\/]+\.json(?:\?.*)?$/ },
      handler(code, id) {
        const onlyNav = new URLSearchParams(id.split('?')[1] ?? '').has('nav');
        const messages = Object.entries(JSON.parse(code) as Record<string, unknown>).filter(
          ([key]) => key !== '_notes' && (!onlyNav || key.startsWith('nav.')),
        );
        return { code: JSON.stringify(Object.fromEntries(messages)), map: null };
      },
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [locales(), react(), serviceWorker(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Budget of any one chunk, for a cheap phone on a weak link. React (react-dom) is the
    // largest, ~220 kB in its own chunk; the entry (shell, common/auth messages) is ~45 kB;
    // features and their messages load lazily (routes.tsx, src/i18n/catalog.ts).
    chunkSizeWarningLimit: 250,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React in a chunk of its own: it changes with a React upgrade, not with every release
          // of the app, so a phone keeps it cached (HTTP and service worker) across our updates.
          // (The bundler then puts its runtime helpers, under 1 kB, in a chunk of their own.)
          groups: [{ name: 'react', test: /[\\/]node_modules[\\/](?:react|react-dom|scheduler)[\\/]/ }],
        },
      },
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
