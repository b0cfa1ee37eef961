import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: {
    alias: {
      // voy-search ships only an ES module entry that expects a bundler wasm loader.
      'voy-search': fileURLToPath(new URL('./node_modules/voy-search/voy_search.js', import.meta.url)),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['voy-search'] } },
  },
});
