import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';

/**
 * Traces with OpenTelemetry (HTTP, Express, the GraphQL operation, SQL statements), exported by OTLP over HTTP when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set; off otherwise. Started by main.ts
 * before anything loads `http`, `express`, `pg` or `graphql`, which the instrumentations patch. SQL is recorded as
 * text only, never its parameters (the values of personal data); HTTP spans carry no headers.
 */
let sdk: NodeSDK | null = null;

export function startTracing(env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk || !(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)) return false;
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || 'rekisteri',
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' }),
      new ExpressInstrumentation(),
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true, allowValues: false }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  sdk.start();
  return true;
}

export const tracingEnabled = (): boolean => sdk !== null;

/** Sends the spans still buffered; main.ts calls it last on shutdown. */
export async function stopTracing(): Promise<void> {
  await sdk?.shutdown();
  sdk = null;
}
