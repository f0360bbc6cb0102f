import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { Clock } from '../clock';
import { countHit } from './rate-limits.repository';

export const TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS';

/**
 * Every request without a live session (sign-in, the web app's files, any public route) counts
 * against its client address; over `max` in the window it answers 429 until the window ends.
 * Counted in PostgreSQL, so the limit holds across server processes. The health endpoints come
 * before it; signed-in requests are not counted here.
 */
export function publicRateLimit(db: DataSource, clock: Clock, limit: { max: number; windowMs: number }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.authSession) return next();
    const { hits, resetAt } = await countHit(db, `public:${req.ip ?? 'unknown'}`, clock.now(), limit.windowMs / 1000);
    if (hits <= limit.max) return next();
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil((resetAt.getTime() - clock.now().getTime()) / 1000))));
    const message = 'Too many requests from this address. Try again in a minute.';
    res.status(429);
    if (req.path.startsWith('/graphql')) res.json({ errors: [{ message, extensions: { code: TOO_MANY_REQUESTS } }] });
    else res.json({ error: TOO_MANY_REQUESTS, message });
  };
}
