import express from 'express';
import type { Actor } from '../../auth/actor';
import { csvUploadRoute, problemOf, UPLOAD_STATUS } from '../../csv-upload';
import { isUuid, notFound } from '../../errors';
import type { Logger } from '../../logger';
import { reportPathOf, uploadPathOf } from './address-update.model';
import { MAX_BYTES, type AddressUpdatesService } from './address-updates.service';

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
  csvUploadRoute(router, uploadPathOf(':importId'), {
    target: deps.addressUpdates,
    maxBytes: MAX_BYTES,
    logger: deps.logger,
    label: 'address-update',
    signedIn: deps.signedIn,
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
      const status = UPLOAD_STATUS[problem.code] ?? 500;
      if (status === 500) deps.logger.error({ err: error }, 'address-update report failed');
      res.status(status).json({ error: problem.code, reason: problem.reason });
    }
  });
  return router;
}
