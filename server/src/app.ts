import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { parseCookie } from 'cookie';
import express from 'express';
import expressStaticGzip from 'express-static-gzip';
import { recordAuditEvents } from './audit/audit.service';
import { actorOf } from './auth/actor';
import { type LoadedSession, loadSession, sessionCookieName } from './auth/sessions';
import type { Config } from './config';
import type { Database } from './db/database';
import { newRequestContext, type RequestContext } from './graphql/context';
import { correlatedErrors, formatError } from './graphql/format-error';
import { queryArmor } from './graphql/limits';
import { buildAppSchema } from './graphql/schema';
import { compiledExecution } from './graphql/executor';
import { createServices, type Services } from './services';
import type { Logger } from './logger';
import { BUILD_QUEUE } from './modules/campaigns/campaigns.service';
import { requireRegisterAccess } from './auth/auth-checker';
import { resolveSuppressionSecret } from './modules/prohibitions/suppression-key';
import { optOutListUploads } from './modules/prohibitions/opt-out-lists.routes';
import { addressUpdateRoutes } from './modules/address-updates/address-updates.routes';
import { ERASURE_HOLDS_QUEUE } from './modules/requests/erasure';
import { startOutboxJobs } from './modules/outbox/outbox.job';
import type { Clock } from './clock';
import type { Actor } from './auth/actor';
import { healthRoutes } from './health';
import { privacyNoticeRoutes } from './modules/privacy-notice/privacy-notice.routes';
import { isAppError, notFound } from './errors';
import { securityHeaders } from './security-headers';
import { correlationIds, keepCorrelation, requestLog } from './observability/correlation';
import { Metrics } from './observability/metrics';
import { publicRateLimit } from './auth/public-rate-limit';
import { sweepRateLimits } from './auth/rate-limits.repository';
import { collectRoutes } from './modules/web-events/web-events.routes';
import { startWebEventJobs } from './modules/web-events/web-events.job';
import { startLogRetentionJobs } from './audit/log-retention.job';
import { startRetentionScheduleJobs } from './modules/retention-schedule/retention-schedule.job';
import { startCustomerImportJobs } from './modules/customer-import/customer-import.job';
import { customerImportRoutes } from './modules/customer-import/customer-imports.routes';
import { publishedNoticeVersion } from './modules/web-events/web-events.repository';
import { apiTokenAuth, bearerOf } from './auth/api-tokens';

const RATE_LIMIT_SWEEP_QUEUE = 'rate-limit-sweep';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      cookies?: Record<string, string | undefined>;
      /** The live session of the request's cookie, loaded once; null when nobody is signed in. */
      authSession?: LoadedSession | null;
    }
  }
}

/** Writes the request's consultation log in one INSERT as the response goes out. */
const consultationLog: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue: ctx }) {
        if (!ctx.actor || ctx.readLog.size === 0) return;
        try {
          await recordAuditEvents(ctx.db.manager, ctx.readLog.toEvents(ctx.actor.user, ctx.purpose));
        } catch (error) {
          ctx.logger.error({ err: error }, 'could not write the consultation log');
          throw error;
        }
      },
    };
  },
};

/** Unexpected errors reach the log with their stack; the client sees a masked message in production. */
function errorLog(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (!code || code === 'INTERNAL_SERVER_ERROR') {
              logger.error({ err: error.originalError ?? error, operationName, path: error.path }, 'GraphQL request failed');
            }
          }
        },
      };
    },
  };
}

export interface App {
  app: express.Express;
  services: Services;
  /** Shutdown has begun: /readyz answers 503 and every response closes its connection. */
  drain(): void;
  stop(): Promise<void>;
}

export interface AppOptions {
  suppressionSecret?: string;
  /** Where deadlines and holds read the time; tests pass a clock they can move. */
  clock?: Clock;
  /** When true, queries run through graphql-js, not compiled (tracing: its GraphQL spans come from graphql-js). */
  interpretedExecution?: () => boolean;
}

export async function createApp(config: Config, database: Database, logger: Logger, options: AppOptions = {}): Promise<App> {
  const db = database.dataSource;
  const services = createServices(db, config, options.suppressionSecret ?? resolveSuppressionSecret(config), logger, options.clock);
  await services.queue.start();
  await services.queue.work<{ targetListId: string }>(BUILD_QUEUE, ({ targetListId }) => services.campaigns.runBuild(targetListId));
  // Held erasures finish by themselves: after an invoice changes, and every night for retention dates.
  await services.queue.work<{ customerId?: string }>(ERASURE_HOLDS_QUEUE, async ({ customerId }) => {
    await services.erasures.finishHolds(customerId);
  });
  await services.queue.schedule(ERASURE_HOLDS_QUEUE, '15 2 * * *', config.timeZone);
  // P14, P16, P17: letters and notices of requests go out by e-mail, retried with backoff.
  await startOutboxJobs(services.queue, services.outboxDelivery, config.timeZone);
  // P13: web events past their retention period are deleted every night.
  await startWebEventJobs(services.queue, services.webEvents, config.timeZone);
  // P7: customer lists are applied batch by batch by a job.
  await startCustomerImportJobs(services.queue, services.customerImports);
  // Storage limitation: the audit trail and the consultation log past their retention go every night.
  await startLogRetentionJobs(services.queue, services.logRetention, config.timeZone);
  // P10: the retention schedule proposes inactive customers for erasure every night.
  await startRetentionScheduleJobs(services.queue, services.retentionSchedule, config.timeZone);
  // Rate-limit windows that have ended are swept hourly.
  await services.queue.work(RATE_LIMIT_SWEEP_QUEUE, () =>
    sweepRateLimits(
      db,
      services.clock.now(),
      Math.max(config.loginThrottle.windowMs, config.publicRateLimit.windowMs, config.apiTokenRateLimit.windowMs, config.collect.rateLimit.windowMs) / 1000,
    ),
  );
  await services.queue.schedule(RATE_LIMIT_SWEEP_QUEUE, '7 * * * *', config.timeZone);
  // Depth, aliases, cost, tokens and directives are limited; no field suggestions.
  const armor = queryArmor();
  // Issue 17: Prometheus metrics of this process (GET /metrics with METRICS_TOKEN).
  const metrics = new Metrics(db, config.processName, logger);
  const apollo = new ApolloServer<RequestContext>({
    // Queries run compiled (graphql-jit) through Apollo's executor hook; every resolver and field guard is the schema's.
    gateway: compiledExecution(await buildAppSchema(), { interpreted: options.interpretedExecution }).gateway,
    formatError: correlatedErrors(formatError(config.production), { logger, production: config.production }),
    // No HTTP caching of personal data, and no per-field cache-control hook wrapping every resolver (issue 13).
    plugins: [...armor.plugins, consultationLog, errorLog(logger), metrics.plugin(), ApolloServerPluginCacheControlDisabled()],
    validationRules: armor.validationRules,
    parseOptions: armor.parseOptions,
    csrfPrevention: true,
    // main.ts owns shutdown: it stops HTTP, Apollo and the database in order.
    stopOnTerminationSignals: false,
    introspection: !config.production,
    includeStacktraceInErrorResponses: !config.production,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // No ETag: answers of personal data are never cached (security-headers.ts), so hashing every body (a 100-row page's
  // 25 kB on each request) would buy nothing. Static assets keep theirs (express-static-gzip sets its own).
  app.set('etag', false);
  if (config.trustProxy) app.set('trust proxy', true);
  // Every request has a correlation id: in each log line written while it is served, its response header and its errors.
  app.use(correlationIds());
  app.use(requestLog(logger));
  app.use(securityHeaders(config.session.cookieSecure));
  app.use((req, _res, next) => {
    req.cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
    next();
  });

  let draining = false;
  // Once shutdown has begun, every response closes its connection: keep-alive clients reconnect elsewhere.
  app.use((_req, res, next) => {
    if (draining) res.setHeader('Connection', 'close');
    next();
  });
  app.use(healthRoutes({ db, kind: database.kind, queue: services.queue, logger, draining: () => draining }));
  app.use(metrics.routes(config.metricsToken));
  const handle: App = {
    app,
    services,
    drain() {
      draining = true;
    },
    async stop() {
      await services.queue.stop();
      await apollo.stop();
    },
  };
  // ROLE=worker: a process that works the job queue answers its health checks and nothing else.
  if (config.role === 'worker') return handle;

  // P13: the company's own site: its script, page views, consent and contact form; no session, limits of their own.
  app.use(
    collectRoutes({
      db,
      clock: services.clock,
      webEvents: services.webEvents,
      settings: config.collect,
      noticeVersion: async () => (await publishedNoticeVersion(db)) ?? '1',
      logger,
    }),
  );
  const cookieName = sessionCookieName(config.session.cookieSecure);
  /** Every route below knows whether the request is signed in (the session is loaded once). */
  app.use(async (req, _res, next) => {
    // A request with a bearer token is a partner system's (P4): its cookies are never read.
    const token = bearerOf(req) === null ? req.cookies?.[cookieName] : undefined;
    req.authSession = token ? await loadSession(db.manager, token, config.session.idleMs) : null;
    next();
  });
  // P4: partner systems reach the API only with their firm's token, throttled per token across processes.
  app.use('/graphql', apiTokenAuth(db, services.clock, config.apiTokenRateLimit));
  // P12: unauthenticated requests are limited per client address, across processes (health checks come before).
  app.use(publicRateLimit(db, services.clock, config.publicRateLimit));

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    keepCorrelation(),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const session = req.authSession;
        const actor = session ? actorOf(session.user, session.sessionId) : null;
        return newRequestContext({ req, res, db, config, logger, services, actor });
      },
    }),
  );

  /** A file download: the same session, gate and permission as the API; the service audits it. */
  const download =
    (label: string, fetch: (actor: Actor, id: string) => Promise<{ filename: string; contentType: string; content: Buffer }>) =>
    async (req: express.Request<{ id: string }>, res: express.Response) => {
      try {
        const session = req.authSession;
        const actor = requireRegisterAccess(session ? actorOf(session.user, session.sessionId) : null, config);
        const file = await fetch(actor, req.params.id);
        res.setHeader('Content-Type', file.contentType);
        res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
        res.setHeader('Cache-Control', 'no-store');
        res.send(file.content);
      } catch (error) {
        const code = isAppError(error) ? error.code : 'INTERNAL_SERVER_ERROR';
        const status =
          ({ UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 } as Record<string, number>)[code] ?? (code === 'INTERNAL_SERVER_ERROR' ? 500 : 403);
        if (status === 500) logger.error({ err: error }, `${label} download failed`);
        res.status(status).json({ error: code, correlationId: req.correlationId });
      }
    };
  // Files of exports (P3) and documents of data-subject requests (P14, P16, P10).
  app.get(
    '/exports/:id',
    download('export', (actor, id) => services.targetListExports.download(actor, id)),
  );
  // P14, P16: the PDF rendition of a printable document, beside it; first, as '/documents/:id' would match it too.
  app.get(
    '/documents/:id.pdf',
    download('document', (actor, id) => services.privacyDocuments.downloadPdf(actor, id)),
  );
  app.get(
    '/documents/:id',
    download('document', (actor, id) => services.privacyDocuments.download(actor, id)),
  );
  // P15: opt-out list files, streamed (PUT /imports/opt-out-lists/:importId, text/csv).
  app.use(
    optOutListUploads({
      optOutLists: services.optOutLists,
      logger,
      signedIn: (req) => requireRegisterAccess(req.authSession ? actorOf(req.authSession.user, req.authSession.sessionId) : null, config),
    }),
  );
  // P7: address-update files, streamed (PUT /imports/address-updates/:importId, text/csv), and their outcome reports.
  app.use(
    addressUpdateRoutes({
      addressUpdates: services.addressUpdates,
      logger,
      signedIn: (req) => requireRegisterAccess(req.authSession ? actorOf(req.authSession.user, req.authSession.sessionId) : null, config),
    }),
  );
  // P7: customer lists of stores and resellers, streamed (PUT /imports/customers/:importId, text/csv).
  app.use(
    customerImportRoutes({
      customerImports: services.customerImports,
      logger,
      signedIn: (req) => requireRegisterAccess(req.authSession ? actorOf(req.authSession.user, req.authSession.sessionId) : null, config),
    }),
  );
  // GDPR 30(1): the record of processing activities, for administrators and privacy officers.
  app.get(
    '/processing-record/:id',
    download('processing record', (actor, id) => {
      const [lang, format] = id.split('.');
      if (!['fi', 'en'].includes(lang) || !['csv', 'html'].includes(format)) throw notFound('Record format');
      return services.privacyNotices.processingRecord(actor, lang as 'fi' | 'en', format as 'csv' | 'html');
    }),
  );
  // P18: the public privacy notice, no login.
  app.use(privacyNoticeRoutes(services.privacyNotices, logger));
  const index = path.join(config.webDist, 'index.html');
  if (fs.existsSync(index)) {
    // Issue 16: the build's assets are named by their content's hash, so they never change: cached for a year and sent
    // precompressed (brotli or gzip, built beside each file by the web build). A missing asset is a 404, not the app.
    app.use(
      '/assets',
      expressStaticGzip(path.join(config.webDist, 'assets'), {
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        index: false,
        serveStatic: { immutable: true, maxAge: '1y' },
      }),
      (_req: express.Request, res: express.Response) => res.status(404).end(),
    );
    app.use(
      expressStaticGzip(config.webDist, {
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        index: false,
        serveStatic: {
          maxAge: '1h',
          setHeaders: (res, file) => {
            if (/\.html(\.br|\.gz)?$/.test(file)) res.setHeader('Cache-Control', 'no-cache');
          },
        },
      }),
    );
    // index.html names the current assets: asked again each time (no-cache), so a new build is seen at once.
    app.get(/^\/(?!graphql|healthz|exports\/|documents\/).*/, (_req, res) =>
      res.sendFile(index, { cacheControl: false, headers: { 'Cache-Control': 'no-cache' } }),
    );
  } else {
    logger.warn({ webDist: config.webDist }, 'web app not built; serving the API only');
  }
  // A request the routes could not take (a malformed JSON body, a failed session lookup) answers JSON, never a stack.
  app.use((error: { status?: number; statusCode?: number }, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 500) logger.error({ err: error }, 'request failed');
    res.status(status).json({ error: status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', correlationId: req.correlationId });
  });

  return handle;
}
