import { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { appDatabaseUrl } from './roles';
import { allowPreparedStatements, type Db, one, Where } from './sql';

/**
 * Read replicas (DATABASE_REPLICA_URLS): PostgreSQL hot standbys streaming from the primary. Everything runs on
 * the primary unless a read path asks for a replica through `readReplica`: the customer list and search, the
 * statistics, the exports and a target list's members, exclusions and counts. Writes, every read inside a
 * write's transaction, sessions and the audit trail stay on the primary. A list page read on a replica has its
 * consultation log written on the primary as its fields resolve; read on the primary, the page and its log are one
 * statement (customers.repository.ts, `findCustomersConsulted`). A replica is used only while it answers and
 * lags the primary by no more than DATABASE_REPLICA_MAX_LAG_MS; otherwise the read runs on the primary.
 * The only thing kept in memory is a reading of each replica's lag, a second old at most.
 * Where each read went and why, each replica's lag and its becoming unusable or usable again are told to a
 * `ReplicaObserver` (`observeReplicas`; the metrics and the log, observability/metrics.ts), so db/ imports
 * neither.
 */

/** How long a replica's lag reading (or its being unreachable) is trusted before it is read again. */
const CHECK_EVERY_MS = 1000;
/** A connection attempt to a replica that takes longer counts as the replica being down. */
const CONNECT_TIMEOUT_MS = 2000;
/** The name of the replicas' connections in pg_stat_activity. */
export const REPLICA_APPLICATION_NAME = 'rekisteri-replica';

/**
 * How far the replica's data is behind: none when it has replayed all the WAL it received (an idle primary
 * is not lag); otherwise the age of the last transaction it replayed. A server not in recovery has no lag.
 */
const LAG_SQL = `SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000, 'Infinity')
  END::float8 AS lag_ms`;

/** Where a read ran: a replica, or the primary and why not a replica. */
export type ReplicaReadTarget = 'replica' | 'primary';
/**
 * ok: on a replica. no_replica: none configured. in_transaction: the read is part of a transaction (primary).
 * lagging: every replica too far behind (one at least lagging, the others down). unreachable: every replica
 * down or refusing (or failed under a read in the last second). failed_mid_read: a replica failed under the
 * read, which ran again on the primary.
 */
export type ReplicaReadReason = 'ok' | 'no_replica' | 'in_transaction' | 'lagging' | 'unreachable' | 'failed_mid_read';
/** Why a replica is not used. */
export type ReplicaUnusable = 'lagging' | 'unreachable';

/** Told of the replicas' use; `replica` is always the replica's host:port, never its URL or login. */
export interface ReplicaObserver {
  read(target: ReplicaReadTarget, reason: ReplicaReadReason): void;
  /** A replica turned unusable (`why`) or usable again (`why` undefined); not told per read. */
  changed(replica: string, why: ReplicaUnusable | undefined): void;
}

export interface ReplicaOptions {
  /** Host, port and database of each replica; the application's login is used on them. */
  urls: readonly string[];
  /** The primary's owner URL and the application's login on it (DATABASE_URL, DATABASE_APP_URL). */
  primaryUrl: string;
  appUrl?: string;
  poolSize: number;
  timeZone: string;
  maxLagMs: number;
  /** Whether the replicas' connections keep prepared statements, as the primary's do (db/sql.ts). */
  preparedStatements?: boolean;
}

/** A replica's URL with the application's login (user, password; database and parameters when it names none). */
export function replicaAppUrl(replicaUrl: string, primaryUrl: string, appUrl: string | undefined): string {
  const app = new URL(appDatabaseUrl(primaryUrl, appUrl));
  const url = new URL(replicaUrl);
  url.username = app.username;
  url.password = app.password;
  if (url.pathname === '' || url.pathname === '/') url.pathname = app.pathname;
  if (!url.search) url.search = app.search;
  return url.toString();
}

/** A replica's host:port, for metrics and logs (its URL may hold a login). */
export function replicaName(replicaUrl: string): string {
  const url = new URL(replicaUrl);
  return `${url.hostname}:${url.port || '5432'}`;
}

class Replica {
  private reading?: { why: ReplicaUnusable | undefined; at: number };
  private checking?: Promise<ReplicaUnusable | undefined>;
  /** The last lag read, in seconds (none before the first reading). */
  lagSeconds?: number;

  constructor(
    readonly name: string,
    readonly dataSource: DataSource,
    private readonly maxLagMs: number,
    private readonly owner: Replicas,
  ) {}

  /** Why the replica may not be used now, or undefined when it answers and is close enough behind (a reading at most a second old). */
  unusable(): Promise<ReplicaUnusable | undefined> {
    if (this.reading && Date.now() - this.reading.at < CHECK_EVERY_MS) return Promise.resolve(this.reading.why);
    this.checking ??= this.check().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  /** A read failed for want of the replica: not used again until the next reading. */
  markDown(): void {
    this.record('unreachable');
  }

  private async check(): Promise<ReplicaUnusable | undefined> {
    let why: ReplicaUnusable | undefined;
    try {
      if (!this.dataSource.isInitialized) await this.dataSource.initialize();
      const { lag_ms } = await one<{ lag_ms: number }>(this.dataSource, LAG_SQL);
      this.lagSeconds = lag_ms / 1000;
      why = lag_ms <= this.maxLagMs ? undefined : 'lagging';
    } catch {
      why = 'unreachable';
    }
    this.record(why);
    return why;
  }

  /** A new reading; the observer hears of a change between usable and not (a replica not yet read counts as usable). */
  private record(why: ReplicaUnusable | undefined): void {
    const was = this.reading ? this.reading.why : undefined;
    this.reading = { why, at: Date.now() };
    if ((was === undefined) !== (why === undefined)) this.owner.observer()?.changed(this.name, why);
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export class Replicas {
  private next = 0;
  private readonly replicas: Replica[] = [];

  private constructor(
    options: ReplicaOptions,
    /** The observer of the primary these replicas belong to (set later than the replicas, by the app). */
    readonly observer: () => ReplicaObserver | undefined,
  ) {
    for (const url of options.urls) {
      const dataSource = createDataSource(replicaAppUrl(url, options.primaryUrl, options.appUrl), options.poolSize, options.timeZone, {
        applicationName: REPLICA_APPLICATION_NAME,
        connectTimeoutMs: CONNECT_TIMEOUT_MS,
      });
      if (options.preparedStatements) allowPreparedStatements(dataSource);
      this.replicas.push(new Replica(replicaName(url), dataSource, options.maxLagMs, this));
    }
  }

  /** The replicas' pools, connected on first use (a replica down at start delays nothing). */
  static create(options: ReplicaOptions, observer: () => ReplicaObserver | undefined = () => undefined): Replicas {
    return new Replicas(options, observer);
  }

  /** A usable replica, taken in turn; else why none is: lagging when one at least lags, else unreachable. */
  async pick(): Promise<Replica | ReplicaUnusable> {
    let why: ReplicaUnusable = 'unreachable';
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length];
      const unusable = await replica.unusable();
      if (!unusable) {
        this.next = (this.next + i + 1) % this.replicas.length;
        return replica;
      }
      if (unusable === 'lagging') why = 'lagging';
    }
    return why;
  }

  /** Each replica's host:port and last lag reading in seconds (those read at least once). */
  lags(): Array<{ replica: string; seconds: number }> {
    return this.replicas.flatMap((r) => (r.lagSeconds === undefined ? [] : [{ replica: r.name, seconds: r.lagSeconds }]));
  }

  async close(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.close()));
  }
}

/** The replicas of each primary data source (wiring, set once by openDatabase), and who observes their use. */
const replicasOf = new WeakMap<DataSource, Replicas>();
const observerOf = new WeakMap<DataSource, ReplicaObserver>();

export function attachReplicas(primary: DataSource, options: ReplicaOptions): Replicas {
  const replicas = Replicas.create(options, () => observerOf.get(primary));
  replicasOf.set(primary, replicas);
  return replicas;
}

/** Tells `observer` of the reads `readReplica` routes for `primary` (one observer per data source: the last set). */
export function observeReplicas(primary: DataSource, observer: ReplicaObserver): void {
  observerOf.set(primary, observer);
}

/** The last lag reading of each replica of `primary`, by host:port (none without replicas). */
export function replicaLags(primary: DataSource): Array<{ replica: string; seconds: number }> {
  return replicasOf.get(primary)?.lags() ?? [];
}

/**
 * A read that may run on a replica: `read` gets a replica's data source when one is configured, answers and
 * is within the lag bound, and otherwise the primary. Inside a transaction (`db` a transaction's manager) it
 * runs in that transaction, on the primary. `read` must only read: it may run twice, on the primary after a
 * replica fails under it.
 */
export async function readReplica<T>(db: Db, read: (db: Db) => Promise<T>): Promise<T> {
  if (!(db instanceof DataSource)) {
    observerOf.get(db.connection)?.read('primary', 'in_transaction');
    return read(db);
  }
  const observer = observerOf.get(db);
  const replicas = replicasOf.get(db);
  const replica = replicas ? await replicas.pick() : 'no_replica';
  if (typeof replica === 'string') {
    observer?.read('primary', replica);
    return read(db);
  }
  let result: T;
  try {
    result = await read(replica.dataSource);
  } catch (error) {
    if (!replicaUnavailable(error)) throw error;
    replica.markDown();
    observer?.read('primary', 'failed_mid_read');
    return read(db);
  }
  observer?.read('replica', 'ok');
  return result;
}

/** A copy of a condition, for a read that binds more into it (a LIMIT): `readReplica` may run the read twice. */
export function whereCopy(where: Where): Where {
  const copy = new Where([...where.params]);
  copy.parts.push(...where.parts);
  return copy;
}

/** The replica went away or cancelled the read to replay WAL, rather than the read being wrong. */
function replicaUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = String(e?.driverError?.code ?? e?.code ?? '');
  // 08: connection exceptions; 57P0x: the server shutting down or starting; 40001: canceled on conflict with recovery.
  if (code.startsWith('08') || /^57P0[1-4]$/.test(code) || code === '40001') return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(String(e?.message ?? ''));
}
