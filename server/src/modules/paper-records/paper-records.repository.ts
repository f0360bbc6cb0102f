import { cappedCount, type CappedCount } from '../../db/capped-count';
import { many, maybeOne, type Db } from '../../db/sql';

export interface PaperRecordRow {
  id: string;
  kind: string;
  description: string;
  location: string;
  custodian_id: string;
  custodian_username: string;
  custodian_name: string;
  customer_id: string | null;
  customer_number: string | null;
  request_id: string | null;
  request_number: string | null;
  received_on: string;
  destroy_by: string;
  destroyed_at: Date | null;
  destroyed_by: string | null;
  destroyed_by_username: string | null;
  destroyed_by_name: string | null;
  destruction_method: string | null;
  destruction_note: string | null;
  recorded_at: Date;
  recorded_by: string;
  recorded_by_username: string;
  recorded_by_name: string;
  updated_at: Date;
  version: number;
}

const FROM = `
    FROM paper_records p
    JOIN users cu ON cu.id = p.custodian_id
    JOIN users ru ON ru.id = p.recorded_by
    LEFT JOIN users du ON du.id = p.destroyed_by
    LEFT JOIN customers c ON c.id = p.customer_id
    LEFT JOIN privacy_requests r ON r.id = p.request_id`;

const SELECT = `
  SELECT p.id, p.kind, p.description, p.location,
         p.custodian_id, cu.username AS custodian_username, cu.display_name AS custodian_name,
         p.customer_id, c.customer_number::text AS customer_number, p.request_id, r.request_number::text AS request_number,
         p.received_on, p.destroy_by, p.destroyed_at, p.destroyed_by, du.username AS destroyed_by_username,
         du.display_name AS destroyed_by_name, p.destruction_method, p.destruction_note,
         p.recorded_at, p.recorded_by, ru.username AS recorded_by_username, ru.display_name AS recorded_by_name,
         p.updated_at, p.version
  ${FROM}`;

/** A page of records under `where` (the gate's condition and the filter), by destroy-by date, after the keyset `after`. */
export function pageOfRecords(db: Db, where: string, params: unknown[], after: { destroyBy: string; id: string } | null, limit: number) {
  const all = [...params];
  let keyset = '';
  if (after) {
    all.push(after.destroyBy, after.id);
    keyset = ` AND (p.destroy_by, p.id) > ($${all.length - 1}::date, $${all.length}::uuid)`;
  }
  all.push(limit + 1);
  return many<PaperRecordRow>(db, `${SELECT} WHERE ${where}${keyset} ORDER BY p.destroy_by, p.id LIMIT $${all.length}`, all);
}

export function countRecords(db: Db, where: string, params: unknown[]): Promise<CappedCount> {
  return cappedCount(db, `FROM paper_records p WHERE ${where}`, params);
}

export async function recordById(db: Db, id: string, where = 'TRUE', params: unknown[] = [], lock = false): Promise<PaperRecordRow | null> {
  const bound = [...params, id];
  const row = await maybeOne<PaperRecordRow>(db, `${SELECT} WHERE ${where} AND p.id = $${bound.length}${lock ? ' FOR UPDATE OF p' : ''}`, bound);
  return row ?? null;
}

/** Records linked to a customer or to one of the customer's requests, not yet destroyed, under the gate's `where`. */
export function heldRecordsOfCustomer(db: Db, customerId: string, where: string, params: unknown[]): Promise<PaperRecordRow[]> {
  const bound = [...params, customerId];
  const n = `$${bound.length}`;
  return many<PaperRecordRow>(
    db,
    `${SELECT} WHERE ${where} AND p.destroyed_at IS NULL
       AND (p.customer_id = ${n} OR p.request_id IN (SELECT id FROM privacy_requests WHERE customer_id = ${n}))
     ORDER BY p.destroy_by, p.id`,
    bound,
  );
}

/** A user who may be a custodian, as the service asks it: active, with roles and the commitment they acknowledged. */
export interface CustodianCandidateRow {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  confidentiality_accepted_version: string | null;
}

export async function userForCustody(db: Db, id: string): Promise<CustodianCandidateRow | null> {
  const row = await maybeOne<CustodianCandidateRow>(
    db,
    `SELECT id, username, display_name, roles, confidentiality_accepted_version FROM users WHERE id = $1 AND active`,
    [id],
  );
  return row ?? null;
}

/** Active users who acknowledged the commitment `version`: the service keeps those whose roles may handle paper. */
export function acknowledgedUsers(db: Db, version: string): Promise<CustodianCandidateRow[]> {
  return many<CustodianCandidateRow>(
    db,
    `SELECT id, username, display_name, roles, confidentiality_accepted_version FROM users
      WHERE active AND confidentiality_accepted_version = $1 AND NOT must_change_password ORDER BY display_name, id`,
    [version],
  );
}

export async function customerIdByNumber(db: Db, customerNumber: string, where: string, params: unknown[]): Promise<string | null> {
  const bound = [...params, customerNumber];
  const row = await maybeOne<{ id: string }>(db, `SELECT c.id FROM customers c WHERE ${where} AND c.customer_number = $${bound.length}::bigint`, bound);
  return row?.id ?? null;
}

export async function requestByNumber(
  db: Db,
  requestNumber: string,
  where: string,
  params: unknown[],
): Promise<{ id: string; customer_id: string | null } | null> {
  const bound = [...params, requestNumber];
  const row = await maybeOne<{ id: string; customer_id: string | null }>(
    db,
    `SELECT r.id, r.customer_id FROM privacy_requests r WHERE ${where} AND r.request_number = $${bound.length}::bigint`,
    bound,
  );
  return row ?? null;
}

export interface PaperRecordValues {
  kind: string;
  description: string;
  location: string;
  custodian_id: string;
  customer_id: string | null;
  request_id: string | null;
  received_on: string;
  destroy_by: string;
}

export async function insertRecord(db: Db, values: PaperRecordValues, by: string, at: Date): Promise<string> {
  const [row] = await many<{ id: string }>(
    db,
    `INSERT INTO paper_records (kind, description, location, custodian_id, customer_id, request_id, received_on, destroy_by, recorded_by, recorded_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
    [
      values.kind,
      values.description,
      values.location,
      values.custodian_id,
      values.customer_id,
      values.request_id,
      values.received_on,
      values.destroy_by,
      by,
      at,
    ],
  );
  return row.id;
}

/** Changes a record not destroyed at its version; false when it changed (or was destroyed) meanwhile. */
export async function updateRecord(db: Db, id: string, version: number, values: PaperRecordValues, at: Date): Promise<boolean> {
  const rows = await many<{ id: string }>(
    db,
    `UPDATE paper_records SET kind = $3, description = $4, location = $5, custodian_id = $6, customer_id = $7, request_id = $8,
            received_on = $9, destroy_by = $10, updated_at = $11, version = version + 1
      WHERE id = $1 AND version = $2 AND destroyed_at IS NULL RETURNING id`,
    [
      id,
      version,
      values.kind,
      values.description,
      values.location,
      values.custodian_id,
      values.customer_id,
      values.request_id,
      values.received_on,
      values.destroy_by,
      at,
    ],
  );
  return rows.length === 1;
}

/** Records the destruction at the record's version; false when it changed (or was destroyed) meanwhile. */
export async function recordDestruction(
  db: Db,
  id: string,
  version: number,
  destruction: { at: Date; by: string; method: string; note: string | null },
  now: Date,
): Promise<boolean> {
  const rows = await many<{ id: string }>(
    db,
    `UPDATE paper_records SET destroyed_at = $3, destroyed_by = $4, destruction_method = $5, destruction_note = $6, updated_at = $7, version = version + 1
      WHERE id = $1 AND version = $2 AND destroyed_at IS NULL RETURNING id`,
    [id, version, destruction.at, destruction.by, destruction.method, destruction.note, now],
  );
  return rows.length === 1;
}
