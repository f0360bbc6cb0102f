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
    // Export files (`/exports/<id>`) come from the server too, with the same session cookie.
    proxy: { '/graphql': 'http://localhost:4000', '/exports': 'http://localhost:4000' },
  },
  // React, Apollo Client and graphql-js in one bundle of a back-office app: about 620 kB, 170 kB gzipped;
  // the dashboard's charts (recharts) load in a chunk of their own when it is opened.
  build: { sourcemap: true, chunkSizeWarningLimit: 800 },
});
