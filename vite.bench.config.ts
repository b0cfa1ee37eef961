import { defineConfig } from 'vite';

/**
 * Builds the benchmark page (src/bench/index.html → dist-bench/src/bench/index.html) the way the
 * app is deployed: module workers, bundled wasm, no service worker.
 */
export default defineConfig({
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['voy-search'] },
  build: {
    target: 'es2022',
    outDir: 'dist-bench',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    rollupOptions: { input: 'src/bench/index.html' },
  },
  publicDir: false,
  logLevel: 'warn',
});
