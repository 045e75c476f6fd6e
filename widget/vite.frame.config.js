import { defineConfig } from 'vite';

// The chat frame: frame.html and its hashed assets, served by the API under /widget/.
export default defineConfig({
  base: '/widget/',
  build: {
    outDir: '../api/Widget/dist/widget',
    emptyOutDir: true,
    target: 'es2019',
    rollupOptions: { input: 'frame.html' },
  },
});
