import { affected, maybeOne, many, one, type Db, type Where } from '../../db/sql';
import { mergedFamilySql } from '../customer-merge/merged-records';
import type { DisclosureBasis, RecipientKind, RecipientLanguage, SubProcessor, TransferSafeguard } from './disclosure.model';

/** P8, P9: the SQL of the recipients registry and the disclosure ledger. Typed rows in and out. */

/** What a recipient is registered as: the values a create or an update writes. */
export interface RecipientValues {
  name: string;
  kind: RecipientKind;
  country: string;
  bases: DisclosureBasis[];
  safeguard: TransferSafeguard | null;
  necessity: string | null;
  active: boolean;
  language: RecipientLanguage | null;
  contact_email: string | null;
  postal_address: string | null;
  agreement_date: string | null;
  agreement_reference: string | null;
  sub_processors: SubProcessor[];
  data_fields: string[];
  dpf_certified: boolean;
  scc_version: string | null;
  scc_signed_on: string | null;
  bcr_reference: string | null;
}

/** A row of `recipients`. */
export interface RecipientRow extends RecipientValues {
  id: string;
  partner_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const RECIPIENT_COLUMNS = `r.id, r.name, r.kind, r.country, r.bases, r.safeguard, r.necessity, r.active,
  r.language, r.contact_email, r.postal_address, r.version, r.created_at, r.updated_at,
  to_char(r.agreement_date, 'YYYY-MM-DD') AS agreement_date, r.agreement_reference, r.sub_processors, r.data_fields,
  r.dpf_certified, r.scc_version, to_char(r.scc_signed_on, 'YYYY-MM-DD') AS scc_signed_on, r.bcr_reference, r.partner_id`;

/** The values of a write, in the order of the columns `RECIPIENT_WRITE_COLUMNS` names. */
const RECIPIENT_WRITE_COLUMNS = [
  'name',
  'kind',
  'country',
  'bases',
  'safeguard',
  'necessity',
  'active',
  'language',
  'contact_email',
  'postal_address',
  'agreement_date',
  'agreement_reference',
  'sub_processors',
  'data_fields',
  'dpf_certified',
  'scc_version',
  'scc_signed_on',
  'bcr_reference',
] as const satisfies ReadonlyArray<keyof RecipientValues>;
const writeValues = (v: RecipientValues) => RECIPIENT_WRITE_COLUMNS.map((c) => (c === 'sub_processors' ? JSON.stringify(v.sub_processors) : v[c]));

/** The recipients `where` (alias `r`) lets through, by name. */
export function listRecipients(db: Db, where: Where): Promise<RecipientRow[]> {
  return many<RecipientRow>(db, `SELECT ${RECIPIENT_COLUMNS} FROM recipients r WHERE ${where} ORDER BY lower(r.name)`, where.params);
}

export function recipientById(db: Db, id: string, lock = false): Promise<RecipientRow | undefined> {
  return maybeOne<RecipientRow>(db, `SELECT ${RECIPIENT_COLUMNS} FROM recipients r WHERE r.id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
}

/** Whether another recipient already has this name (names are unique without regard to case). */
export async function nameTaken(db: Db, name: string, exceptId: string | null = null): Promise<boolean> {
  const row = await maybeOne(db, `SELECT 1 FROM recipients WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2::uuid)`, [name, exceptId]);
  return row !== undefined;
}

/** Registers a recipient; with `partnerId`, the processor row of that partner firm (P4). */
export function insertRecipient(db: Db, v: RecipientValues, partnerId: string | null = null): Promise<RecipientRow> {
  const placeholders = RECIPIENT_WRITE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
  return one<RecipientRow>(
    db,
    `INSERT INTO recipients AS r (${RECIPIENT_WRITE_COLUMNS.join(', ')}, partner_id)
     VALUES (${placeholders}, $${RECIPIENT_WRITE_COLUMNS.length + 1}) RETURNING ${RECIPIENT_COLUMNS}`,
    [...writeValues(v), partnerId],
  );
}

/** Writes the values if the recipient is still at `version`; 0 rows is a stale version. */
export function updateRecipientAt(db: Db, id: string, version: number, v: RecipientValues): Promise<number> {
  const sets = RECIPIENT_WRITE_COLUMNS.map((c, i) => `${c} = $${i + 3}`).join(', ');
  return affected(db, `UPDATE recipients SET ${sets}, version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`, [
    id,
    version,
    ...writeValues(v),
  ]);
}

/** The processor row of a partner firm (P4). */
export function recipientOfPartner(db: Db, partnerId: string, lock = false): Promise<RecipientRow | undefined> {
  return maybeOne<RecipientRow>(db, `SELECT ${RECIPIENT_COLUMNS} FROM recipients r WHERE r.partner_id = $1 ${lock ? 'FOR UPDATE' : ''}`, [partnerId]);
}

/** The customer's state as a disclosure must honour it, read under a share lock: a restriction landing meanwhile waits. */
export function customerStateForDisclosure(db: Db, customerId: string): Promise<{ restricted: boolean; anonymised: boolean } | undefined> {
  return maybeOne(db, `SELECT restricted, (anonymised_at IS NOT NULL) AS anonymised FROM customers WHERE id = $1 FOR SHARE`, [customerId]);
}

export interface NewDisclosure {
  customerId: string;
  recipientId: string;
  basis: DisclosureBasis;
  fields: string[];
  note: string | null;
  disclosedBy: string;
}

export function insertDisclosure(db: Db, d: NewDisclosure): Promise<{ id: string; disclosed_at: Date }> {
  return one(
    db,
    `INSERT INTO disclosures (customer_id, recipient_id, basis, fields, note, disclosed_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text, disclosed_at`,
    [d.customerId, d.recipientId, d.basis, d.fields, d.note, d.disclosedBy],
  );
}

/** A ledger entry with who disclosed, and its recipient in columns prefixed `r_`. */
export interface DisclosureRow {
  id: string;
  customer_id: string;
  basis: DisclosureBasis;
  fields: string[];
  note: string | null;
  disclosed_at: Date;
  disclosed_by: string | null;
  r_id: string;
  r_name: string;
  r_kind: RecipientKind;
  r_country: string;
  r_bases: DisclosureBasis[];
  r_safeguard: TransferSafeguard | null;
  r_necessity: string | null;
  r_active: boolean;
  r_language: RecipientLanguage | null;
  r_contact_email: string | null;
  r_postal_address: string | null;
  r_version: number;
  r_created_at: Date;
  r_updated_at: Date;
  r_agreement_date: string | null;
  r_agreement_reference: string | null;
  r_sub_processors: SubProcessor[];
  r_data_fields: string[];
  r_dpf_certified: boolean;
  r_scc_version: string | null;
  r_scc_signed_on: string | null;
  r_bcr_reference: string | null;
  r_partner_id: string | null;
}

/** The recipient of a ledger entry, as a recipient row. */
export const recipientOf = (row: DisclosureRow): RecipientRow => ({
  id: row.r_id,
  name: row.r_name,
  kind: row.r_kind,
  country: row.r_country,
  bases: row.r_bases,
  safeguard: row.r_safeguard,
  necessity: row.r_necessity,
  active: row.r_active,
  language: row.r_language,
  contact_email: row.r_contact_email,
  postal_address: row.r_postal_address,
  version: row.r_version,
  created_at: row.r_created_at,
  updated_at: row.r_updated_at,
  agreement_date: row.r_agreement_date,
  agreement_reference: row.r_agreement_reference,
  sub_processors: row.r_sub_processors,
  data_fields: row.r_data_fields,
  dpf_certified: row.r_dpf_certified,
  scc_version: row.r_scc_version,
  scc_signed_on: row.r_scc_signed_on,
  bcr_reference: row.r_bcr_reference,
  partner_id: row.r_partner_id,
});

/** One customer's ledger, newest first, among the entries `where` (alias `d`) lets through. */
export function ledgerOf(db: Db, customerId: string, where: Where): Promise<DisclosureRow[]> {
  where.and(`d.customer_id = ANY(${mergedFamilySql(where.bind(customerId))})`);
  return many<DisclosureRow>(
    db,
    `SELECT d.id::text AS id, d.customer_id, d.basis, d.fields, d.note, d.disclosed_at, u.username AS disclosed_by,
            r.id AS r_id, r.name AS r_name, r.kind AS r_kind, r.country AS r_country, r.bases AS r_bases,
            r.safeguard AS r_safeguard, r.necessity AS r_necessity, r.active AS r_active, r.language AS r_language,
            r.contact_email AS r_contact_email, r.postal_address AS r_postal_address, r.version AS r_version,
            r.created_at AS r_created_at, r.updated_at AS r_updated_at,
            to_char(r.agreement_date, 'YYYY-MM-DD') AS r_agreement_date, r.agreement_reference AS r_agreement_reference,
            r.sub_processors AS r_sub_processors, r.data_fields AS r_data_fields, r.dpf_certified AS r_dpf_certified,
            r.scc_version AS r_scc_version, to_char(r.scc_signed_on, 'YYYY-MM-DD') AS r_scc_signed_on,
            r.bcr_reference AS r_bcr_reference, r.partner_id AS r_partner_id
       FROM disclosures d JOIN recipients r ON r.id = d.recipient_id LEFT JOIN users u ON u.id = d.disclosed_by
      WHERE ${where} ORDER BY d.id DESC`,
    where.params,
  );
}
