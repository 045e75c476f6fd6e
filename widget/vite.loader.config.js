import { defineConfig } from 'vite';

// widget.js: one small self-contained script (IIFE) the host page includes.
export default defineConfig({
  build: {
    outDir: '../api/Widget/dist',
    emptyOutDir: false,
    target: 'es2019',
    lib: { entry: 'src/loader/loader.js', name: 'ChatSphereLoader', formats: ['iife'], fileName: () => 'widget.js' },
  },
});
