/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import tailwindcss from '@tailwindcss/vite';

// The dashboard builds into the API's Dashboard/dist (served at / by DashboardHosting). `npm run dev` proxies the
// API's own paths to a running API (CHATSPHERE_API, default http://localhost:5000).
const api = process.env.CHATSPHERE_API ?? 'http://localhost:5000';

export default defineConfig({
  plugins: [vue(), tailwindcss()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../api/Dashboard/dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
  },
  server: {
    proxy: Object.fromEntries(['/api', '/hubs', '/openapi', '/widget', '/demo', '/health'].map((p) => [p, { target: api, ws: p === '/hubs' }])),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
    restoreMocks: true,
    // The shared CI machine can be slow to start jsdom and mount; no test asserts timing.
    testTimeout: 30_000,
  },
});
