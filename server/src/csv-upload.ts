import type express from 'express';
import type { Actor } from './auth/actor';
import type { Db } from './db/sql';
import { appError, badInput, conflict, isAppError, isUuid, notFound } from './errors';
import type { Logger } from './logger';
import type { CsvEncoding } from './modules/prohibitions/prohibition.model';

/** HTTP statuses of the error codes an upload can answer with. */
export const UPLOAD_STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  CONFIDENTIALITY_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BAD_USER_INPUT: 400,
};

/** What went wrong with an import, as its JSON answer and its stored record tell it. */
export interface ImportProblem {
  code: string;
  reason: string | null;
  message: string;
  field: string | null;
  line: number | null;
}

export function problemOf(error: unknown): ImportProblem {
  if (isAppError(error)) {
    const { reason, field, line } = error.extensions as { reason?: string; field?: string; line?: number };
    return { code: error.code, reason: reason ?? null, message: error.message, field: field ?? null, line: line ?? null };
  }
  return { code: 'INTERNAL_SERVER_ERROR', reason: null, message: 'The import failed.', field: null, line: null };
}

/** A file's bytes as they come: a request's body, or chunks in a test. */
export type UploadBody = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** What the client says of the file it sends: the encoding it asks for, and the length it announces. */
export interface UploadOptions {
  encoding?: string | null;
  totalBytes?: number | null;
}

/** Only the user who started an import sends its file: to anyone else the import is not found. */
export function startedBy<T extends { createdBy: string }>(actor: Actor, record: T | null | undefined): T {
  if (!record || record.createdBy !== actor.user.id) throw notFound('Import');
  return record;
}

/** The encoding a request names: UTF-8 unless it says Windows-1252. Anything else is refused, not guessed. */
export function encodingOf(name: string | null | undefined): CsvEncoding {
  const normalised = (name ?? 'utf-8').trim().toLowerCase();
  if (['utf-8', 'utf8'].includes(normalised)) return 'utf-8';
  if (['windows-1252', 'cp1252'].includes(normalised)) return 'windows-1252';
  throw badInput('encoding', 'The file is read as UTF-8 or as Windows-1252 (encoding=windows-1252).');
}

/**
 * An import's file is sent once: `claim` marks the import as being read (in the database, so that
 * a second upload, even a concurrent one, finds it taken and is answered CONFLICT).
 */
export async function claimUpload(
  options: UploadOptions,
  claim: (encoding: CsvEncoding, totalBytes: number | null) => Promise<boolean>,
): Promise<{ encoding: CsvEncoding; totalBytes: number | null }> {
  const encoding = encodingOf(options.encoding);
  const totalBytes = options.totalBytes ?? null;
  if (!(await claim(encoding, totalBytes))) {
    throw conflict('The file of this import has been sent already. Start a new import.', { reason: 'ALREADY_STARTED' });
  }
  return { encoding, totalBytes };
}

export const fileTooLarge = (maxBytes: number) =>
  appError('BAD_USER_INPUT', `The file is larger than ${maxBytes / 1024 / 1024} MB.`, { field: 'csv', reason: 'TOO_LARGE' });

/** The bytes as they come, counted into the progress; more than `maxBytes` stops the import. */
export async function* countedBytes(body: UploadBody, progress: { processedBytes: number }, maxBytes: number): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) {
    progress.processedBytes += chunk.byteLength;
    if (progress.processedBytes > maxBytes) throw fileTooLarge(maxBytes);
    yield chunk;
  }
}

/** How far the reading of a file has come, as the import's record keeps it. */
export interface ReadProgress {
  processedBytes: number;
  rowsRead: number;
}

/** How one kind of import keeps the reading of its file: its limit, the claim, the failure. */
export interface UploadStore {
  maxBytes: number;
  /** Marks the import as being read, once: false when its file has been sent already. */
  claim(db: Db, importId: string, encoding: CsvEncoding, totalBytes: number | null): Promise<boolean>;
  /** Stores the failure with the progress so far, and drops what was staged. */
  fail(db: Db, importId: string, problem: ImportProblem, progress: ReadProgress): Promise<void>;
}

/**
 * The steps an import's upload shares, after its service has checked the caller: the file claimed
 * once, a length announced past the limit refused before a byte is read, the bytes counted into the
 * progress as `read` takes them. Whatever fails is stored and thrown: a file that cannot be read is
 * refused whole, and nothing of it is kept.
 */
export async function readUpload(
  db: Db,
  importId: string,
  file: { body: UploadBody; options: UploadOptions },
  store: UploadStore,
  read: (bytes: AsyncIterable<Uint8Array>, encoding: CsvEncoding, progress: ReadProgress) => Promise<void>,
): Promise<void> {
  const { encoding, totalBytes } = await claimUpload(file.options, (encoding, totalBytes) => store.claim(db, importId, encoding, totalBytes));
  const progress: ReadProgress = { processedBytes: 0, rowsRead: 0 };
  try {
    if (totalBytes !== null && totalBytes > store.maxBytes) throw fileTooLarge(store.maxBytes);
    await read(countedBytes(file.body, progress, store.maxBytes), encoding, progress);
  } catch (error) {
    await store.fail(db, importId, problemOf(error), progress);
    throw error;
  }
}

/** What an import's service offers its upload route. */
export interface CsvUploadTarget<R> {
  /** Reads the file as it comes and answers the dry run (or the import as it stands). */
  upload(actor: Actor, importId: string, body: AsyncIterable<Uint8Array>, options: { encoding: string | null; totalBytes: number | null }): Promise<R>;
  /** The import as it stands, told beside an error. */
  progress(actor: Actor, importId: string): Promise<R | null>;
}

/**
 * `PUT <path>` with the raw body `text/csv`: a file read as it arrives (never whole in memory, never as
 * JSON). A cross-site form cannot send it: a PUT, and a `text/csv` body, both need a CORS preflight this
 * server never grants, the rule Apollo's CSRF prevention applies to /graphql. Through the same session
 * and gate as the API. Every answer is JSON: `{ import }`, or `{ error, reason, message, field, line, import? }`.
 * Used by the opt-out lists (P15), the address updates and the customer lists (P7).
 */
export function csvUploadRoute<R>(
  router: express.Router,
  path: string,
  deps: {
    target: CsvUploadTarget<R>;
    /** The import as the answer shows it. */
    view?: (record: R) => unknown;
    /** The most bytes read and dropped after an error, before the connection is closed instead. */
    maxBytes: number;
    logger: Logger;
    /** Names the upload in the log line of a failure. */
    label: string;
    /** The request's signed-in user, through the same gate as the API, or it throws. */
    signedIn(req: express.Request): Actor | Promise<Actor>;
  },
): void {
  const view = deps.view ?? ((record: R) => record);
  router.put(path, async (req: express.Request<{ importId: string }>, res) => {
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
      const record = await deps.target.upload(actor, importId, uploadBody(req), {
        encoding: typeof req.query.encoding === 'string' ? req.query.encoding : type.charset,
        totalBytes: length && /^\d+$/.test(length) ? Number(length) : null,
      });
      res.json({ import: view(record) });
    } catch (error) {
      const problem = problemOf(error);
      const status =
        (isAppError(error) && (error.extensions.status as number | undefined)) || (problem.reason === 'TOO_LARGE' ? 413 : UPLOAD_STATUS[problem.code]) || 500;
      if (status === 500) deps.logger.error({ err: error }, `${deps.label} upload failed`);
      const current = actor && importId ? await deps.target.progress(actor, importId).catch(() => null) : null;
      // Answered once the client has sent its file, so it reads the answer rather than a reset
      // connection; a stranger's body, or one past the limit, is not read but cut off.
      await settle(req, res, actor !== null && problem.reason !== 'TOO_LARGE', deps.maxBytes);
      res.status(status).json({ error: problem.code, ...problem, code: undefined, ...(current ? { import: view(current) } : {}) });
    }
  });
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

/** Reads and drops the rest of the body (at most `maxBytes`), or has the connection closed after the answer. */
async function settle(req: express.Request, res: express.Response, drain: boolean, maxBytes: number): Promise<void> {
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
      if (bytes > maxBytes) {
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
