import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { graphqlDocuments } from './build/graphql-documents';
import { messageParts } from './build/message-parts';

/** The vendor chunks and the packages in each (the names as in node_modules, scope included). */
const VENDOR_CHUNKS: [string, string[]][] = [
  ['react', ['react', 'react-dom', 'scheduler']],
  ['router', ['react-router', 'cookie', 'set-cookie-parser']],
  ['apollo', ['@apollo/client', 'graphql', 'rxjs', 'optimism', '@wry/[^/\\\\]+', 'tslib', '@graphql-typed-document-node/core']],
  ['casl', ['@casl/ability', '@casl/react', '@ucast/[^/\\\\]+']],
  // Only where a chart is drawn (the dashboard, the request queue's age chart), after the page's own data: never in the
  // first load (e2e/tests/assets.e2e.test.ts holds that).
  [
    'charts',
    [
      'recharts',
      'victory-vendor',
      'd3-[a-z-]+',
      'internmap',
      '@reduxjs/toolkit',
      'redux',
      'redux-thunk',
      'react-redux',
      'immer',
      'reselect',
      'decimal\\.js-light',
      'es-toolkit',
      'eventemitter3',
    ],
  ],
];

export default defineConfig({
  plugins: [
    react(),
    // Each page imports only its own GraphQL documents, not the map of all of them.
    graphqlDocuments(fileURLToPath(new URL('./src/gql', import.meta.url))),
    // The sign-in page loads the shell's texts only; every page's own texts load once someone has signed in.
    messageParts(fileURLToPath(new URL('./src/app/i18n', import.meta.url))),
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
    proxy: {
      '/graphql': 'http://localhost:4000',
      '/exports': 'http://localhost:4000',
      '/documents': 'http://localhost:4000',
      // P18: the record of processing activities and the public notice (its `.json` too).
      '/processing-record': 'http://localhost:4000',
      '/tietosuojaseloste': 'http://localhost:4000',
      '/privacy-notice': 'http://localhost:4000',
    },
  },
  // Each page is its own chunk (routes.tsx), and so is each language's messages (i18n): the first load is the shell
  // (React, Apollo Client, the router, the sign-in page). No source maps are published (issue 16); the manifest lets
  // `pnpm --filter @rekisteri/web size` and the server's tests find the entry and its static imports.
  build: {
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      output: {
        // The libraries every page needs, each a chunk of its own: a release of the app changes the app's chunks, and
        // the browser keeps these from its cache (they change only with the libraries). Libraries that one page uses
        // (the dashboard's charts) stay with that page.
        codeSplitting: {
          groups: VENDOR_CHUNKS.map(([name, packages], index) => ({
            name,
            test: new RegExp(`[\\\\/]node_modules[\\\\/](${packages.join('|')})[\\\\/]`),
            priority: VENDOR_CHUNKS.length - index,
          })),
        },
      },
    },
  },
});
