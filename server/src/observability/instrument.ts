import { startTracing } from './tracing';

// Imported first by main.ts, so the instrumentations are in place before http, express, pg or graphql is loaded.
startTracing();
