import express from 'express';
import type { Actor } from '../../auth/actor';
import { csvUploadRoute } from '../../csv-upload';
import type { Logger } from '../../logger';
import { importView, uploadPathOf } from './prohibition.model';
import { MAX_BYTES, type OptOutListsService } from './opt-out-lists.service';

/**
 * P15: the file of an opt-out list import, `PUT /imports/opt-out-lists/:importId` with the raw body
 * `text/csv` (csv-upload.ts). Every answer is JSON: the import (rows taken, lines skipped and why), or `{ error, ... }`.
 */
export function optOutListUploads(deps: {
  optOutLists: OptOutListsService;
  logger: Logger;
  /** The request's signed-in user, through the same gate as the API (`requireRegisterAccess`), or it throws. */
  signedIn(req: express.Request): Actor | Promise<Actor>;
}): express.Router {
  const router = express.Router();
  csvUploadRoute(router, uploadPathOf(':importId'), {
    target: deps.optOutLists,
    view: importView,
    maxBytes: MAX_BYTES,
    logger: deps.logger,
    label: 'opt-out list',
    signedIn: deps.signedIn,
  });
  return router;
}
