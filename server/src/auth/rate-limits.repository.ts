import { execute, one, type Db } from '../db/sql';

/** A key's count in its current window. */
export interface WindowCount {
  hits: number;
  resetAt: Date;
}

/**
 * Counts a hit of `key` in its fixed window starting at the key's first hit, and answers the hits
 * of the window so far, this one included. One statement, so hits of parallel requests and of
 * other server processes are all counted. A window not started within `windowSeconds` before
 * `now` (or, with a clock moved back, after it) starts over.
 */
export async function countHit(db: Db, key: string, now: Date, windowSeconds: number): Promise<WindowCount> {
  const row = await one<{ hits: number; reset_at: Date }>(
    db,
    `INSERT INTO rate_limits AS r (key, window_started_at, hits) VALUES ($1, $2, 1)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN r.window_started_at > $2::timestamptz - make_interval(secs => $3) AND r.window_started_at <= $2 THEN r.hits + 1 ELSE 1 END,
       window_started_at = CASE WHEN r.window_started_at > $2::timestamptz - make_interval(secs => $3) AND r.window_started_at <= $2
                                THEN r.window_started_at ELSE $2 END
     RETURNING hits, window_started_at + make_interval(secs => $3) AS reset_at`,
    [key, now, windowSeconds],
  );
  return { hits: row.hits, resetAt: new Date(row.reset_at) };
}

/** Takes back one hit (a sign-in that succeeded was not a failure). */
export async function takeBackHit(db: Db, key: string): Promise<void> {
  await execute(db, `UPDATE rate_limits SET hits = greatest(hits - 1, 0) WHERE key = $1`, [key]);
}

/** Windows that ended before `now` hold nothing any more. */
export async function sweepRateLimits(db: Db, now: Date, longestWindowSeconds: number): Promise<void> {
  await execute(db, `DELETE FROM rate_limits WHERE window_started_at < $1::timestamptz - make_interval(secs => $2)`, [now, longestWindowSeconds]);
}
