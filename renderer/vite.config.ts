import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

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
