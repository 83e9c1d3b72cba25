import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * core/store/migrate.ts reads its SQL files from `<its own folder>/migrations` (import.meta.url).
 * Bundled into out/main/index.js, "its own folder" becomes out/main, so the files are copied there.
 */
function copyMigrations(): Plugin {
  return {
    name: 'orderhub:copy-migrations',
    apply: 'build',
    writeBundle(options) {
      cpSync(resolve(__dirname, 'core/store/migrations'), resolve(options.dir ?? resolve(__dirname, 'out/main'), 'migrations'), { recursive: true });
    },
  };
}

// One build for both hosts: out/main (Electron main), out/preload, out/renderer (also served by the
// browser console). Works without the Electron binary: electron-vite only needs vite to bundle.
// Vite 8 / electron-vite 6 read `rolldownOptions`; electron-vite's presets overwrite a user
// `rollupOptions`, so the entries must be given here.
export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      outDir: 'out/main',
      // better-sqlite3 (a native addon), zod, node-cron... stay `import`s resolved from node_modules
      // at run time; only our own code (main/electron + core/) is bundled.
      externalizeDeps: true,
      rolldownOptions: { input: { index: resolve(__dirname, 'main/electron/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload (webPreferences.sandbox: true) runs as a classic script with a
      // `require` shim, so it must be CommonJS; `.cjs` because package.json has "type": "module".
      rolldownOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
