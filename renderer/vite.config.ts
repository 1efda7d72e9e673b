import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// import.meta.dirname rather than node:path: renderer/ imports no Node module (test/layering.test.ts).
const here = (path: string) => `${import.meta.dirname}/${path}`;

export default defineConfig({
  root: here('.'),
  // Relative asset URLs, so the same build loads from app:// (Electron) and http://127.0.0.1 (browser host).
  base: './',
  plugins: [react()],
  build: {
    outDir: here('../dist/renderer'),
    emptyOutDir: true,
    // Electron 45 ships Chromium 140; Debian's Chromium is as recent.
    target: 'chrome120',
    sourcemap: true,
    // recharts alone is ~500 kB minified; the bundle is loaded from disk, not the network.
    chunkSizeWarningLimit: 1500,
  },
});
