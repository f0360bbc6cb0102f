import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The request's correlation id: in every log line written while it is served, and in its errors. */
      correlationId?: string;
    }
  }
}

/** The correlation id of the request being served, for the logger's mixin (logger.ts). */
export const correlation = new AsyncLocalStorage<string>();

/** An id a proxy in front may pass on (`X-Request-Id`); anything else is replaced by a fresh one. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,100}$/;

export const HEADER = 'x-request-id';

/**
 * First middleware: takes the proxy's `X-Request-Id` when it is well-formed or makes one, answers it in the same
 * header, and runs the rest of the request inside it.
 */
export function correlationIds() {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.get(HEADER);
    const id = given && ACCEPTABLE.test(given) ? given : randomUUID();
    req.correlationId = id;
    res.setHeader(HEADER, id);
    correlation.run(id, next);
  };
}

/**
 * Re-enters the request's id after a middleware that resumes from a stream's events (a body parser), where the
 * asynchronous context of the request is no longer the one running.
 */
export function keepCorrelation() {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.correlationId) correlation.run(req.correlationId, next);
    else next();
  };
}

/** The logger's mixin: the id of the request in whose context a line is written. */
export function correlationMixin(): Record<string, string> {
  const id = correlation.getStore();
  return id ? { correlationId: id } : {};
}

/** Paths whose every request would only repeat itself in the log: probes and scrapes. */
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

/** One line per request as it finishes: method, path (never the query string), status, time; with its correlation id. */
export function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (QUIET.has(req.path)) return next();
    const started = process.hrtime.bigint();
    // Taken now: a router mounted on a path rewrites req.url while it serves.
    const { method, path } = req;
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ correlationId: req.correlationId, method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
