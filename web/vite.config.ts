import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress.ts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The web UI: built into dist/web, which the Fastify server serves with an SPA fallback; every
 * text file gets .br and .gz copies, which the server sends as they are.
 * Targets reach back to the browsers of old school laptops (Chrome 109 and Firefox 115 are the
 * last releases for Windows 7); CSS is lowered for them too.
 */
export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: ['chrome109', 'firefox115', 'safari15', 'edge109'],
    cssTarget: ['chrome109', 'firefox115', 'safari15', 'edge109'],
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
