import express, { type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { countHit } from '../../auth/rate-limits.repository';
import type { Clock } from '../../clock';
import { isAppError } from '../../errors';
import type { Logger } from '../../logger';
import { collectScript } from './collect-script';
import { consentInput, contactFormInput, eventsInput, IntakeError, parseBody } from './collect-input';
import type { VisitMeta, WebEventsService } from './web-events.service';

/** The intake's configuration (config.ts validates it). */
export interface CollectSettings {
  /** Origins of the company's own site; only these may send events and forms (CORS too). */
  allowedOrigins: readonly string[];
  rateLimit: { max: number; windowMs: number };
}

/** Bodies past these sizes are refused whole, before any is read into a value. */
export const COLLECT_MAX_BYTES = 8 * 1024;
export const FORM_MAX_BYTES = 16 * 1024;
const VISITOR_COOKIE = 'rekisteri_visitor';

const textBody = (limit: number) => express.text({ type: () => true, limit });
/** A form as JSON, as an HTML form's urlencoded fields, or as JSON in text/plain (a fetch without preflight). */
const formBody = (limit: number) => [express.json({ limit }), express.urlencoded({ extended: false, limit }), express.text({ type: 'text/plain', limit })];

/**
 * P13: the public intake of the company's own site, with no session: the script, page views, consent and
 * the contact form. Only the configured origins may post (a refused origin answers 403 and gets no CORS
 * header); every address is limited in PostgreSQL, so every server process counts the same hits; a body
 * too large or malformed answers 400 with a code and nothing is stored. Mounted before the session and the
 * general public limit: the site's visitors are not the back office's users.
 */
export function collectRoutes(deps: {
  db: DataSource;
  clock: Clock;
  webEvents: WebEventsService;
  settings: CollectSettings;
  noticeVersion: () => Promise<string>;
  logger: Logger;
}): express.Router {
  const { settings } = deps;
  const allowed = new Set(settings.allowedOrigins);
  const router = express.Router();

  /** The site's own origin may read the answers; any other gets no CORS header, so its browser hides them. */
  const cors = (req: Request, res: Response): string | null => {
    // These answers are read by another origin (the site): helmet's same-origin resource policy would block them.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Cache-Control', 'no-store');
    res.vary('Origin');
    const origin = req.headers.origin;
    if (!origin || !allowed.has(origin)) return null;
    res.setHeader('Access-Control-Allow-Origin', origin);
    return origin;
  };
  const refuse = (res: Response, status: number, code: string, message: string, field: string | null = null) =>
    res.status(status).json({ error: code, message, ...(field ? { field } : {}) });

  /** Every address is limited, the script too (each load reads the notice's version). */
  const limit = async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      const now = deps.clock.now();
      const { hits, resetAt } = await countHit(deps.db, `collect:${req.ip ?? 'unknown'}`, now, settings.rateLimit.windowMs / 1000);
      if (hits > settings.rateLimit.max) {
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000))));
        return refuse(res, 429, 'TOO_MANY_REQUESTS', 'Too many requests from this address. Try again in a minute.');
      }
      next();
    } catch (error) {
      next(error);
    }
  };
  const originAndLimit = (req: Request, res: Response, next: NextFunction) => {
    if (!cors(req, res)) return refuse(res, 403, 'ORIGIN_NOT_ALLOWED', 'This origin may not send to the register.');
    return limit(req, res, next);
  };
  const meta = (req: Request): VisitMeta => ({ ip: req.ip ?? null, userAgent: req.headers['user-agent']?.slice(0, 512) ?? null });
  /** Runs the handler; an intake problem (or a body parser's) is a 400 with its code, anything else goes to the error handler. */
  const answer = (handler: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      await handler(req, res);
    } catch (error) {
      if (error instanceof IntakeError) return refuse(res, 400, error.code, error.message, error.field);
      // The customers' own checks (a phone that is no phone, a postal code) refuse the form the same way.
      if (isAppError(error, 'BAD_USER_INPUT')) return refuse(res, 400, error.code, error.message, (error.extensions.field as string) ?? null);
      next(error);
    }
  };
  /** A body parser's refusal (too large, unreadable) is bad input: 400 with a code, nothing stored. */
  const bodyErrors = (error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.too.large') return refuse(res, 400, 'PAYLOAD_TOO_LARGE', 'The body is too large.', 'body');
    if (error.status && error.status < 500) return refuse(res, 400, 'BAD_USER_INPUT', 'The body could not be read.', 'body');
    next(error);
  };

  router.get('/collect.js', limit, async (_req, res, next) => {
    try {
      const script = collectScript(await deps.noticeVersion());
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.send(script);
    } catch (error) {
      next(error);
    }
  });

  // A preflight (a site posting JSON rather than text/plain): only for the allowed origins.
  router.options(['/collect', '/collect/consent', '/forms/contact'], (req, res) => {
    if (!cors(req, res)) return void res.status(403).end();
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', 'content-type');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  });

  router.post(
    '/collect/consent',
    originAndLimit,
    textBody(COLLECT_MAX_BYTES),
    answer(async (req, res) => {
      const outcome = await deps.webEvents.consent(consentInput(req.body));
      res.status(200).json(outcome);
    }),
    bodyErrors,
  );

  router.post(
    '/collect',
    originAndLimit,
    textBody(COLLECT_MAX_BYTES),
    answer(async (req, res) => {
      const outcome = await deps.webEvents.collect(eventsInput(req.body), meta(req));
      res.status(202).json(outcome);
    }),
    bodyErrors,
  );

  router.post(
    '/forms/contact',
    originAndLimit,
    ...formBody(FORM_MAX_BYTES),
    answer(async (req, res) => {
      const input = contactFormInput(parseBody(req.body ?? {}), req.cookies?.[VISITOR_COOKIE]);
      await deps.webEvents.contactForm(input, req.headers.origin as string);
      res.status(202).json({ received: true });
    }),
    bodyErrors,
  );

  return router;
}
