import { timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import express from 'express';
import client from 'prom-client';
import type { DataSource } from 'typeorm';
import { observeReplicas, replicaLags } from '../db/replicas';
import { many, one } from '../db/sql';
import type { Logger } from '../logger';

/** Operation names become labels: only well-formed ones, and at most this many distinct, so a client cannot grow the series. */
const MAX_OPERATIONS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,47}$/;

interface Pool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The pg pool under TypeORM's driver; undefined before it is initialised. */
function poolOf(db: DataSource): Pool | undefined {
  return (db.driver as unknown as { master?: Pool }).master;
}

/**
 * The process's metrics in Prometheus format (prom-client): GraphQL requests and their durations by operation,
 * GraphQL errors by code, sign-in failures, the database pool, the job queue's depth and oldest job by queue, and
 * the privacy requests overdue or due within 7 days, the reads sent to a read replica or to the primary (and why)
 * and each replica's last lag reading. The queue and deadline figures are read from PostgreSQL at
 * scrape time, so every process reports the same; the rest are this process's own, labelled with its name.
 */
export class Metrics {
  readonly registry = new client.Registry();
  private readonly operations = new Set<string>();
  private readonly duration: client.Histogram<'operation' | 'type'>;
  private readonly errors: client.Counter<'code'>;
  private readonly loginFailures: client.Counter<'outcome'>;
  private readonly replicaReads: client.Counter<'target' | 'reason'>;

  constructor(db: DataSource, processName: string, logger: Logger) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ process: processName });
    client.collectDefaultMetrics({ register: this.registry });
    this.duration = new client.Histogram({
      name: 'rekisteri_graphql_request_duration_seconds',
      help: 'GraphQL requests by operation name and type, and how long they took.',
      labelNames: ['operation', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new client.Counter({ name: 'rekisteri_graphql_errors_total', help: 'GraphQL errors by code.', labelNames: ['code'], registers });
    this.loginFailures = new client.Counter({
      name: 'rekisteri_login_failures_total',
      help: 'Sign-ins refused: a wrong username or password (failed), or too many failures (throttled).',
      labelNames: ['outcome'],
      registers,
    });
    // Read replicas (db/replicas.ts): where each replica-eligible read ran, each replica's lag, and a log line
    // when a replica turns unusable or usable again (its host:port only, never its URL's login).
    this.replicaReads = new client.Counter({
      name: 'rekisteri_replica_reads_total',
      help:
        'Reads that may use a read replica, by where they ran (replica, primary) and why: ok, no_replica (none configured), ' +
        'in_transaction, lagging, unreachable, failed_mid_read (the replica failed under the read, repeated on the primary).',
      labelNames: ['target', 'reason'],
      registers,
    });
    new client.Gauge({
      name: 'rekisteri_replica_lag_seconds',
      help: "Each read replica's last lag reading (how far behind the primary it was), by host:port.",
      labelNames: ['replica'],
      registers,
      collect() {
        this.reset();
        for (const { replica, seconds } of replicaLags(db)) this.set({ replica }, seconds);
      },
    });
    observeReplicas(db, {
      read: (target, reason) => this.replicaReads.inc({ target, reason }),
      changed(replica, why) {
        if (why) logger.warn({ replica, reason: why }, 'read replica unusable: its reads go to the primary');
        else logger.info({ replica }, 'read replica in use again');
      },
    });
    new client.Gauge({
      name: 'rekisteri_db_pool_connections',
      help: 'Connections of the database pool: total, idle, and requests waiting for one.',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = poolOf(db);
        this.set({ state: 'total' }, pool?.totalCount ?? 0);
        this.set({ state: 'idle' }, pool?.idleCount ?? 0);
        this.set({ state: 'waiting' }, pool?.waitingCount ?? 0);
      },
    });
    const queued = async () =>
      many<{ name: string; depth: number; age: number }>(
        db,
        `SELECT name, count(*)::int AS depth, coalesce(extract(epoch FROM now() - min(created_on)), 0)::float8 AS age
           FROM pgboss.job WHERE state IN ('created', 'retry') GROUP BY name`,
      );
    const guarded = async <T>(what: string, read: () => Promise<T>): Promise<T | null> => {
      try {
        return await read();
      } catch (error) {
        logger.warn({ err: error, metric: what }, 'could not read a metric');
        return null;
      }
    };
    new client.Gauge({
      name: 'rekisteri_job_queue_depth',
      help: 'Jobs waiting to run, by queue.',
      labelNames: ['queue'],
      registers,
      async collect() {
        const rows = await guarded('job queue depth', queued);
        this.reset();
        for (const row of rows ?? []) this.set({ queue: row.name }, row.depth);
      },
    });
    new client.Gauge({
      name: 'rekisteri_job_queue_oldest_seconds',
      help: 'Age of the oldest job waiting to run, by queue.',
      labelNames: ['queue'],
      registers,
      async collect() {
        const rows = await guarded('job queue age', queued);
        this.reset();
        for (const row of rows ?? []) this.set({ queue: row.name }, row.age);
      },
    });
    new client.Gauge({
      name: 'rekisteri_privacy_requests_due',
      help: 'Open data-subject requests past their deadline (overdue) or due within 7 days (due_7d).',
      labelNames: ['when'],
      registers,
      async collect() {
        const row = await guarded('request deadlines', () =>
          one<{ overdue: number; soon: number }>(
            db,
            `SELECT count(*) FILTER (WHERE due_at < now())::int AS overdue,
                    count(*) FILTER (WHERE due_at >= now() AND due_at < now() + interval '7 days')::int AS soon
               FROM privacy_requests WHERE closed_at IS NULL`,
          ),
        );
        this.set({ when: 'overdue' }, row?.overdue ?? 0);
        this.set({ when: 'due_7d' }, row?.soon ?? 0);
      },
    });
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name || !OPERATION_NAME.test(name)) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATIONS) return 'other';
    this.operations.add(name);
    return name;
  }

  /** Apollo plugin: times each request and counts its errors by code (and refused sign-ins). */
  plugin(): ApolloServerPlugin {
    const metrics = this;
    return {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async didEncounterErrors({ errors }) {
            // Counted by code first: a page of denied cells has a hundred errors of one code, and one increment will do.
            const byCode = new Map<string, number>();
            for (const error of errors) {
              const raw = error.extensions?.code;
              const code = typeof raw === 'string' && ERROR_CODE.test(raw) ? raw : 'INTERNAL_SERVER_ERROR';
              byCode.set(code, (byCode.get(code) ?? 0) + 1);
              if (error.path?.[0] === 'login' && (code === 'UNAUTHENTICATED' || code === 'TOO_MANY_ATTEMPTS')) {
                metrics.loginFailures.inc({ outcome: code === 'UNAUTHENTICATED' ? 'failed' : 'throttled' });
              }
            }
            for (const [code, count] of byCode) metrics.errors.inc({ code }, count);
          },
          async willSendResponse({ operationName, operation }) {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            metrics.duration.observe({ operation: metrics.operationLabel(operationName), type: operation?.operation ?? 'invalid' }, seconds);
          },
        };
      },
    };
  }

  /**
   * `GET /metrics` for Prometheus, only with `Authorization: Bearer <METRICS_TOKEN>` (else 401); without a configured
   * token there is no metrics route at all, so nothing about the service is public.
   */
  routes(token: string | undefined): express.Router {
    const router = express.Router();
    if (!token) return router;
    const expected = Buffer.from(`Bearer ${token}`);
    router.get('/metrics', async (req, res) => {
      const given = Buffer.from(req.get('authorization') ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.status(401).setHeader('WWW-Authenticate', 'Bearer').json({ error: 'UNAUTHENTICATED' });
        return;
      }
      res.setHeader('Content-Type', this.registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.send(await this.registry.metrics());
    });
    return router;
  }
}
