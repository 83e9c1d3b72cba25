import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Standalone build of the renderer alone (`npm run build:renderer`), same output as electron-vite's
// renderer section: out/renderer, served by the browser console and loaded by the Electron window.
// (No node: imports here: this file is type-checked with the renderer's DOM-only tsconfig.)
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true },
});
