import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Files that are already compressed (images, fonts) gain nothing from brotli or gzip. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|json|webmanifest|svg|txt|map|xml)$/i;
/** Below this size the header overhead eats the gain (and a phone waits on latency, not bytes). */
const MIN_BYTES = 256;

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip level 9) beside every
 * compressible file under `dir`, so that the server sends them as they are, without compressing
 * on each request (@fastify/static `preCompressed`). A variant that is not smaller than the
 * original is not written: the server then sends the original.
 */
export function precompressDir(dir: string): { files: number } {
  let files = 0;
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) {
        walk(file);
        continue;
      }
      if (!COMPRESSIBLE.test(name)) continue;
      const raw = readFileSync(file);
      if (raw.length < MIN_BYTES) continue;
      const br = brotliCompressSync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      });
      const gz = gzipSync(raw, { level: 9 });
      if (br.length < raw.length) writeFileSync(`${file}.br`, br);
      if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
      files++;
    }
  };
  walk(dir);
  return { files };
}

/**
 * Compresses the finished build (after every file, public/ and the service worker included,
 * is written): brotli for browsers that accept it, gzip for the rest.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'slrt-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
