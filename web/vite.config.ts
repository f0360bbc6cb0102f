import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The schema package's main is CommonJS dist; compile its TypeScript source instead.
    alias: { '@rekisteri/schema': fileURLToPath(new URL('../schema/src/index.ts', import.meta.url)) },
  },
  server: {
    port: 5173,
    // Export files (`/exports/<id>`) and request documents (`/documents/<id>`) come from the server too, with the same session cookie.
    proxy: { '/graphql': 'http://localhost:4000', '/exports': 'http://localhost:4000', '/documents': 'http://localhost:4000' },
  },
  // React, Apollo Client, graphql-js and the typed documents in one bundle of a back-office app: about
  // 880 kB, 220 kB gzipped (the request queues' documents and messages added some 150 kB); the charts
  // (recharts) load in a chunk of their own when a page with one is opened.
  build: { sourcemap: true, chunkSizeWarningLimit: 950 },
});
