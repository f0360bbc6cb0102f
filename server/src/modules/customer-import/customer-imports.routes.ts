import express from 'express';
import type { Actor } from '../../auth/actor';
import { csvUploadRoute } from '../../csv-upload';
import type { Logger } from '../../logger';
import { uploadPathOf } from './customer-import.model';
import { MAX_BYTES, type CustomerImportsService } from './customer-imports.service';

/**
 * P7: the file of a customer-list import, `PUT /imports/customers/:importId` with the raw body
 * `text/csv`, read as it arrives (never as JSON; the PUT needs a CORS preflight this server never
 * grants). The answer is the dry run: the import with its counts by outcome, or `{ error, reason, ... }`.
 * Through the same session and gate as the API, and the same upload handling as the address updates.
 */
export function customerImportRoutes(deps: {
  customerImports: CustomerImportsService;
  logger: Logger;
  signedIn(req: express.Request): Actor | Promise<Actor>;
}): express.Router {
  const router = express.Router();
  csvUploadRoute(router, uploadPathOf(':importId'), {
    target: deps.customerImports,
    maxBytes: MAX_BYTES,
    logger: deps.logger,
    label: 'customer import',
    signedIn: deps.signedIn,
  });
  return router;
}
