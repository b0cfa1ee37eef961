import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The Content-Security-Policy written in index.html's meta tag. `vite preview` also sends it as a
 * header: a meta policy covers only the page, while workers loaded from URLs take theirs from headers.
 */
const CSP = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(new URL('./index.html', import.meta.url), 'utf8'))?.[1];

export default defineConfig({
  plugins: [
    svelte(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        // The shell, every wasm (sql.js, ONNX runtime simd-threaded, voy), the pdf.js worker and the
        // demo data and the word-meaning file (data/word-vectors). Only the plain ONNX runtime flavour is used; models are cached on first use.
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,wasm,json,pdf,bin,webmanifest}'],
        globIgnores: ['**/*asyncify*', '**/*jsep*', '**/*jspi*', 'models/**'],
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/models\//],
        // The first install controls the open page at once; updates still wait for the prompt.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/models/'),
            handler: 'CacheFirst',
            options: {
              cacheName: 'models',
              expiration: { maxEntries: 200 },
              // Never keep an SPA fallback page (a missing model file answered with index.html).
              plugins: [
                {
                  cacheWillUpdate: async ({ response }) =>
                    response.status === 200 && !(response.headers.get('content-type') ?? '').includes('text/html') ? response : null,
                },
              ],
            },
          },
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['voy-search'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 8000 },
  preview: { host: '127.0.0.1', headers: CSP ? { 'Content-Security-Policy': CSP } : {} },
  server: { host: '127.0.0.1' },
});
