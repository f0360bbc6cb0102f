import express from 'express';
import type { Actor } from '../../auth/actor';
import { appError, isAppError, isUuid, notFound } from '../../errors';
import type { Logger } from '../../logger';
import { importView, uploadPathOf } from './prohibition.model';
import { MAX_BYTES, problemOf, type OptOutListsService } from './opt-out-lists.service';

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
 * P15: the file of an opt-out list import, `PUT /imports/opt-out-lists/:importId` with the raw body
 * `text/csv`, read as it arrives (never whole in memory, never as JSON). The same session and gate
 * as the API. A cross-site form cannot send it: a PUT, and a `text/csv` body, both need a CORS
 * preflight this server never grants — the rule Apollo's CSRF prevention applies to /graphql.
 * Every answer is JSON: the import (rows taken, lines skipped and why), or `{ error, ... }`.
 */
export function optOutListUploads(deps: {
  optOutLists: OptOutListsService;
  logger: Logger;
  /** The request's signed-in user, through the same gate as the API (`requireRegisterAccess`), or it throws. */
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
      const record = await deps.optOutLists.upload(actor, importId, uploadBody(req), {
        encoding: typeof req.query.encoding === 'string' ? req.query.encoding : type.charset,
        totalBytes: length && /^\d+$/.test(length) ? Number(length) : null,
      });
      res.json({ import: importView(record) });
    } catch (error) {
      const problem = problemOf(error);
      const status =
        (isAppError(error) && (error.extensions.status as number | undefined)) || (problem.reason === 'TOO_LARGE' ? 413 : STATUS[problem.code]) || 500;
      if (status === 500) deps.logger.error({ err: error }, 'opt-out list upload failed');
      const current = actor && importId ? await deps.optOutLists.progress(actor, importId).catch(() => null) : null;
      // Answered once the client has sent its file, so it reads the answer rather than a reset
      // connection; a stranger's body, or one past the limit, is not read but cut off.
      await settle(req, res, actor !== null && problem.reason !== 'TOO_LARGE');
      res.status(status).json({ error: problem.code, ...problem, code: undefined, ...(current ? { import: importView(current) } : {}) });
    }
  });
  return router;
}

/** `text/csv; charset=windows-1252` as its parts. */
function contentType(header: string | undefined): { mediaType: string; charset: string | null } {
  const [mediaType = '', ...params] = (header ?? '').split(';').map((p) => p.trim());
  const charset =
    params
      .find((p) => /^charset=/i.test(p))
      ?.slice('charset='.length)
      .replace(/^"|"$/g, '') ?? null;
  return { mediaType: mediaType.toLowerCase(), charset };
}

/**
 * The request's bytes. Leaving the loop early does not destroy the request, so the answer can
 * still be sent; a connection cut mid-file is an aborted import.
 */
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
