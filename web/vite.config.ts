import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { graphqlDocuments } from './build/graphql-documents';

export default defineConfig({
  plugins: [
    react(),
    // Each page imports only its own GraphQL documents, not the map of all of them.
    graphqlDocuments(fileURLToPath(new URL('./src/gql', import.meta.url))),
    // Precompressed beside each asset; the server sends the one the browser accepts (express-static-gzip).
    compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|css|html|svg|json)$/, threshold: 1024 }),
  ],
  resolve: {
    // The schema package's main is CommonJS dist; compile its TypeScript source instead.
    alias: { '@rekisteri/schema': fileURLToPath(new URL('../schema/src/index.ts', import.meta.url)) },
  },
  server: {
    port: 5173,
    // Export files (`/exports/<id>`) and request documents (`/documents/<id>`) come from the server too, with the same session cookie.
    proxy: { '/graphql': 'http://localhost:4000', '/exports': 'http://localhost:4000', '/documents': 'http://localhost:4000' },
  },
  // Each page is its own chunk (routes.tsx), and so is each language's messages (i18n): the first load is the shell
  // (React, Apollo Client, the router, the sign-in page). No source maps are published (issue 16); the manifest lets
  // `pnpm --filter @rekisteri/web size` and the server's tests find the entry and its static imports.
  build: { sourcemap: false, manifest: true, chunkSizeWarningLimit: 400 },
});
