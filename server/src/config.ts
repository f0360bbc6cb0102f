import os from 'node:os';
import path from 'node:path';
import { DEFAULT_VAT_RATES, parseVatRates } from '@rekisteri/schema';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** A PostgreSQL server. Unset: an embedded PostgreSQL (PGlite) under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** The application's own login on that server (role rekisteri_app); migrations run as DATABASE_URL. Unset: DATABASE_URL as rekisteri_app, no password. */
  DATABASE_APP_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).optional(),
  /**
   * Keep the statements every request runs prepared on each connection (a server only). Set false
   * behind a pooler in transaction mode that does not carry prepared statements (PgBouncer before 1.21,
   * or 1.21 and later without `max_prepared_statements`).
   */
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  /** Read replicas (hot standbys of DATABASE_URL's server), comma-separated: host, port and database; the application's login is used. */
  DATABASE_REPLICA_URLS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const urls = text
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean);
      for (const url of urls) {
        const problem = replicaUrlProblem(url);
        if (problem) {
          ctx.addIssue({ code: 'custom', message: `"${url.replace(/\/\/[^@/]*@/, '//…@')}" ${problem}` });
          return z.NEVER;
        }
      }
      return urls;
    }),
  /** A replica further behind the primary than this is not read from until it catches up. */
  DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  /** Demo users and fictional customers on first start. */
  DEMO_DATA: bool.optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Version of the confidentiality commitment users must acknowledge (P11, P12). */
  CONFIDENTIALITY_VERSION: z.string().min(1).max(40).default('2026-11'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(15 * 60),
  /** P12: sign-in failures from one client address, whatever the usernames, in the same window. */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Unauthenticated requests (sign-in, the web app's files, any public route) per client address in a window. */
  PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(300),
  PUBLIC_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** P4: requests of one partner API token per window, across processes. */
  API_TOKEN_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
  API_TOKEN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** How long start-up waits for the database (retrying with backoff) before it gives up. */
  DATABASE_WAIT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** P1: an order delivered or cancelled this many months ago is archived: readable, never changed. */
  ARCHIVE_AFTER_MONTHS: z.coerce.number().int().min(1).max(240).default(12),
  /** P1: the VAT rates in force, in percent, comma-separated; an order line takes one of them. */
  VAT_RATES: z
    .string()
    .default(DEFAULT_VAT_RATES)
    .transform((text, ctx) => {
      const parsed = parseVatRates(text);
      if ('error' in parsed) {
        ctx.addIssue({ code: 'custom', message: `${parsed.error} (e.g. ${DEFAULT_VAT_RATES})` });
        return z.NEVER;
      }
      return parsed.rates;
    }),
  /** Key of the HMACs that keep an erased person's "no" (P15, P17). Embedded: kept in DATA_DIR. */
  /** Accounting Act 2:10: the financial year starts on the first day of this month (1 = calendar year). */
  FINANCIAL_YEAR_START_MONTH: z.coerce.number().int().min(1).max(12).default(1),
  /** The company's legal time zone: deadlines and retention dates are calendar dates here. */
  TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Helsinki').default('Europe/Helsinki'),
  SUPPRESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The mail server letters and notices of requests are sent through, e.g. smtp://127.0.0.1:2525. Unset: held for printing. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The sender of those e-mails, e.g. "Tietosuoja <tietosuoja@example.fi>". Required with SMTP_URL. */
  MAIL_FROM: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$|<[^@\s]+@[^@\s]+>$/, 'must be an e-mail address, e.g. Tietosuoja <tietosuoja@example.fi>')
    .optional(),
  /** Attempts to send one e-mail before it waits for a person to retry; each retry waits twice as long. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  OUTBOX_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXY: bool.default(false),
  WEB_DIST: z.string().optional(),
  /** The compliance report of this build, written by `pnpm compliance` from the test results. */
  COMPLIANCE_REPORT: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** What this process does: `web` serves HTTP and queues jobs, `worker` works the job queue, `all` both. */
  ROLE: z.enum(['web', 'worker', 'all']).default('all'),
  /** Bring the schema up to date at start (under a lock). false: `pnpm migrate` does it on deploy; the server only checks. */
  MIGRATE_ON_START: bool.default(true),
  /** This process's name in job log lines and metrics; default host name and process id. */
  PROCESS_NAME: z.string().min(1).max(100).optional(),
  /** GET /metrics (Prometheus) answers only with `Authorization: Bearer <METRICS_TOKEN>`. Unset: no metrics route. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** P13: origins of the company's own site that may send web events and forms, comma-separated (https://www.example.fi). Unset: none. */
  COLLECT_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((text, ctx) => {
      const origins = text
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      const bad = origins.find((o) => !isOrigin(o));
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `"${bad}" is not an origin (scheme, host and port only, e.g. https://www.example.fi)` });
        return z.NEVER;
      }
      return origins;
    }),
  /** P13: requests to the site intake (events, consent, forms) per client address in a window, across processes. */
  COLLECT_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
  COLLECT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
});

/** Why a read replica's URL cannot be used, or undefined: postgres://host[:port][/database], no login of its own. */
function replicaUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL (e.g. postgres://replica-1:5432/rekisteri)';
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return 'is not a postgres:// URL';
  if (!url.hostname) return 'names no host';
  if (url.username || url.password) return "names a login: give host, port and database only (the application's login, DATABASE_APP_URL, is used)";
  return undefined;
}

/** An origin exactly as a browser sends it: http(s), a host, maybe a port; no path, no trailing slash. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export type Config = ReturnType<typeof parseConfig>;

export class ConfigError extends Error {}

/** For a command's start: the configuration, or else the message naming the bad variable, and exit code 2. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** Reads and validates the environment once; a bad value names the variable. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env) {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  if (!c.DATABASE_URL && c.DATABASE_POOL_SIZE !== undefined && c.DATABASE_POOL_SIZE > 1) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_POOL_SIZE: the embedded database takes one connection; set DATABASE_URL to use a pool');
  }
  if (c.DATABASE_APP_URL && !c.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_APP_URL: needs DATABASE_URL (the owner, who runs the migrations, on the same server)');
  }
  if (c.DATABASE_REPLICA_URLS.length > 0 && !c.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_REPLICA_URLS: needs DATABASE_URL (replicas stream from a PostgreSQL server, not the embedded database)',
    );
  }
  if (c.SMTP_URL && !c.MAIL_FROM) {
    throw new ConfigError('Invalid configuration:\n  MAIL_FROM: required with SMTP_URL (the sender of letters, e.g. Tietosuoja <tietosuoja@example.fi>)');
  }
  const production = c.NODE_ENV === 'production';
  if (c.DATABASE_URL && production && !c.SUPPRESSION_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  SUPPRESSION_SECRET: required with DATABASE_URL in production (32+ random characters, the same on every server)',
    );
  }
  return {
    nodeEnv: c.NODE_ENV,
    production,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    databaseAppUrl: c.DATABASE_APP_URL,
    dataDir: path.resolve(c.DATA_DIR),
    /** Read replicas of the server; empty: every read on the primary. */
    replicaUrls: c.DATABASE_REPLICA_URLS,
    replicaMaxLagMs: c.DATABASE_REPLICA_MAX_LAG_MS,
    // Embedded: one connection. PGlite is a single backend, and its socket multiplexer can interleave the
    // extended-protocol messages of concurrent connections outside a transaction.
    poolSize: c.DATABASE_POOL_SIZE ?? (c.DATABASE_URL ? 10 : 1),
    preparedStatements: c.DATABASE_PREPARED_STATEMENTS,
    demoData: c.DEMO_DATA ?? true,
    demoPassword: c.DEMO_PASSWORD,
    confidentialityVersion: c.CONFIDENTIALITY_VERSION,
    session: {
      idleMs: c.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: c.SESSION_ABSOLUTE_HOURS * 3_600_000,
      cookieSecure: c.COOKIE_SECURE ?? production,
    },
    loginThrottle: { maxFailures: c.LOGIN_MAX_FAILURES, windowMs: c.LOGIN_WINDOW_SECONDS * 1000, maxFailuresPerAddress: c.LOGIN_MAX_FAILURES_PER_ADDRESS },
    publicRateLimit: { max: c.PUBLIC_RATE_LIMIT, windowMs: c.PUBLIC_RATE_WINDOW_SECONDS * 1000 },
    apiTokenRateLimit: { max: c.API_TOKEN_RATE_LIMIT, windowMs: c.API_TOKEN_RATE_WINDOW_SECONDS * 1000 },
    databaseWaitMs: c.DATABASE_WAIT_SECONDS * 1000,
    archiveAfterMonths: c.ARCHIVE_AFTER_MONTHS,
    /** Basis points (2550 is 25.5 %), in the order configured. */
    vatRates: c.VAT_RATES,
    financialYearStartMonth: c.FINANCIAL_YEAR_START_MONTH,
    timeZone: c.TIME_ZONE,
    /** Null: read or create the key file in DATA_DIR (embedded database only). */
    suppressionSecret: c.SUPPRESSION_SECRET ?? (c.DATABASE_URL ? 'development-only-suppression-secret-not-for-production' : null),
    /** Null: letters and notices are held in the outbox for printing. */
    mail: c.SMTP_URL && c.MAIL_FROM ? { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM } : null,
    outbox: { maxAttempts: c.OUTBOX_MAX_ATTEMPTS, retryDelaySeconds: c.OUTBOX_RETRY_DELAY_SECONDS },
    trustProxy: c.TRUST_PROXY,
    webDist: path.resolve(c.WEB_DIST ?? path.join(__dirname, '../../web/dist')),
    complianceReport: path.resolve(c.COMPLIANCE_REPORT ?? path.join(__dirname, '../../compliance/report.json')),
    logLevel: c.LOG_LEVEL,
    role: c.ROLE,
    migrateOnStart: c.MIGRATE_ON_START,
    processName: c.PROCESS_NAME ?? `${os.hostname()}:${process.pid}`,
    metricsToken: c.METRICS_TOKEN,
    /** P13: the intake of the company's own site. */
    collect: {
      allowedOrigins: c.COLLECT_ALLOWED_ORIGINS,
      rateLimit: { max: c.COLLECT_RATE_LIMIT, windowMs: c.COLLECT_RATE_WINDOW_SECONDS * 1000 },
    },
  };
}
