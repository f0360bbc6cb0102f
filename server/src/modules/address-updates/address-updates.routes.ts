import express from 'express';
import type { Actor } from '../../auth/actor';
import { appError, isAppError, isUuid, notFound } from '../../errors';
import type { Logger } from '../../logger';
import { problemOf } from '../prohibitions/opt-out-lists.service';
import { reportPathOf, uploadPathOf } from './address-update.model';
import { MAX_BYTES, type AddressUpdatesService } from './address-updates.service';

const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  CONFIDENTIALITY_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BAD_USER_INPUT: 400,
};

/**
 * P7: the file of an address-update import, `PUT /imports/address-updates/:importId` with the raw
 * body `text/csv` (as the opt-out lists: read as it arrives, never whole in memory, never as JSON; a
 * PUT with a text/csv body needs a CORS preflight this server never grants, so no cross-site form
 * can send it). The answer is the dry run: the import with its counts by outcome, or `{ error, reason, ... }`.
 * `GET /imports/address-updates/:importId/report.csv?lang=fi|en` downloads the outcome report.
 * Both through the same session and gate as the API.
 */
export function addressUpdateRoutes(deps: {
  addressUpdates: AddressUpdatesService;
  logger: Logger;
  signedIn(req: express.Request): Actor | Promise<Actor>;
}): express.Router {
  const router = express.Router();
  router.put(uploadPathOf(':importId'), async (req: express.Request<{ importId: string }>, res) => {
    let actor: Actor | null = null;
    let importId: string | null = null;
    try {
      actor = await deps.signedIn(req);
      if (!isUuid(req.params.importId)) throw notFound('Import');
      const type = contentType(req.headers['content-type']);
      if (type.mediaType !== 'text/csv') {
        throw appError('BAD_USER_INPUT', 'Send the file as the body, with Content-Type text/csv.', { reason: 'UNSUPPORTED_MEDIA_TYPE', status: 415 });
      }
      const length = req.headers['content-length'];
      importId = req.params.importId;
      const record = await deps.addressUpdates.upload(actor, importId, uploadBody(req), {
        encoding: typeof req.query.encoding === 'string' ? req.query.encoding : type.charset,
        totalBytes: length && /^\d+$/.test(length) ? Number(length) : null,
      });
      res.json({ import: record });
    } catch (error) {
      const problem = problemOf(error);
      const status =
        (isAppError(error) && (error.extensions.status as number | undefined)) || (problem.reason === 'TOO_LARGE' ? 413 : STATUS[problem.code]) || 500;
      if (status === 500) deps.logger.error({ err: error }, 'address-update upload failed');
      const current = actor && importId ? await deps.addressUpdates.progress(actor, importId).catch(() => null) : null;
      await settle(req, res, actor !== null && problem.reason !== 'TOO_LARGE');
      res.status(status).json({ error: problem.code, ...problem, code: undefined, ...(current ? { import: current } : {}) });
    }
  });
  router.get(reportPathOf(':importId'), async (req: express.Request<{ importId: string }>, res) => {
    try {
      const actor = await deps.signedIn(req);
      if (!isUuid(req.params.importId)) throw notFound('Import');
      const language = req.query.lang === 'en' ? 'en' : 'fi';
      const { fileName, content } = await deps.addressUpdates.report(actor, req.params.importId, language);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`);
      res.setHeader('Cache-Control', 'no-store');
      res.send(content);
    } catch (error) {
      const problem = problemOf(error);
      const status = STATUS[problem.code] ?? 500;
      if (status === 500) deps.logger.error({ err: error }, 'address-update report failed');
      res.status(status).json({ error: problem.code, reason: problem.reason });
    }
  });
  return router;
}

function contentType(header: string | undefined): { mediaType: string; charset: string | null } {
  const [mediaType = '', ...params] = (header ?? '').split(';').map((p) => p.trim());
  const charset =
    params
      .find((p) => /^charset=/i.test(p))
      ?.slice('charset='.length)
      .replace(/^"|"$/g, '') ?? null;
  return { mediaType: mediaType.toLowerCase(), charset };
}

async function* uploadBody(req: express.Request): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of req.iterator({ destroyOnReturn: false })) yield chunk as Uint8Array;
  } catch {
    throw appError('BAD_USER_INPUT', 'The upload was cut off before the whole file came.', { field: 'csv', reason: 'ABORTED' });
  }
  if (!req.complete) throw appError('BAD_USER_INPUT', 'The upload was cut off before the whole file came.', { field: 'csv', reason: 'ABORTED' });
}

/** Reads and drops the rest of the body (at most MAX_BYTES), or has the connection closed after the answer. */
async function settle(req: express.Request, res: express.Response, drain: boolean): Promise<void> {
  if (req.complete || req.destroyed) return;
  if (!drain) {
    res.setHeader('Connection', 'close');
    return;
  }
  await new Promise<void>((resolve) => {
    let bytes = 0;
    const done = () => {
      req.off('data', count);
      resolve();
    };
    const count = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_BYTES) {
        res.setHeader('Connection', 'close');
        done();
      }
    };
    req.on('data', count);
    req.once('end', done);
    req.once('close', done);
    req.once('error', done);
    req.resume();
  });
}
