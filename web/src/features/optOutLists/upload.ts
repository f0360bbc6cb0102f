/**
 * P15: sending an opt-out list file to the server as it is: the File itself is the body of a PUT
 * (`text/csv`), so a register's 100 MB list is never read into the page nor wrapped in JSON.
 * The session cookie goes along; a PUT with that type is never a cross-site form post.
 */

export type CsvEncoding = 'utf-8' | 'windows-1252';

export interface SkippedLine {
  line: number;
  reason: string;
  field: string | null;
}

/** The import as the upload answers it (the same fields as the GraphQL type). */
export interface UploadedImport {
  status: string;
  rowsRead: number;
  rowCount: number;
  skippedCount: number;
  skipped: SkippedLine[];
  list: { name: string } | null;
}

/** Why the server refused the file (or the network failed): its code, reason, field and line. */
export interface UploadProblem {
  code: string;
  reason: string | null;
  field: string | null;
  line: number | null;
}

export type UploadResult = { ok: true; import: UploadedImport } | { ok: false; problem: UploadProblem; import: UploadedImport | null };

const problem = (code: string): UploadProblem => ({ code, reason: null, field: null, line: null });

export async function uploadOptOutListFile(uploadPath: string, file: Blob, encoding: CsvEncoding): Promise<UploadResult> {
  const url = encoding === 'windows-1252' ? `${uploadPath}?encoding=windows-1252` : uploadPath;
  let response: Response;
  try {
    response = await fetch(url, { method: 'PUT', body: file, credentials: 'same-origin', headers: { 'Content-Type': 'text/csv' } });
  } catch {
    return { ok: false, problem: problem('NETWORK'), import: null };
  }
  let body: { import?: UploadedImport; error?: string; reason?: string | null; field?: string | null; line?: number | null };
  try {
    body = await response.json();
  } catch {
    return { ok: false, problem: problem('UNKNOWN'), import: null };
  }
  if (response.ok && body.import) return { ok: true, import: body.import };
  return {
    ok: false,
    problem: { code: body.error ?? 'UNKNOWN', reason: body.reason ?? null, field: body.field ?? null, line: body.line ?? null },
    import: body.import ?? null,
  };
}

/** Today as `YYYY-MM-DD` in the user's time zone. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
