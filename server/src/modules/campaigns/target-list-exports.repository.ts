import { execute, many, maybeOne, one, type Db, type Where } from '../../db/sql';
import type { ContactChannel } from '../prohibitions/prohibition.model';
import type { CampaignPurpose, ExclusionReason, ExportFormat, SegmentCriteria, TargetListStatus } from './campaign.model';
import { CANDIDATE_COLUMNS, judgedCandidates } from './exclusion-rules';

/** The SQL of exports: the list as built, its members judged again, and the files kept for download. */

export interface ExportableList {
  id: string;
  campaignId: string;
  campaignName: string;
  status: TargetListStatus;
  purpose: CampaignPurpose;
  channel: ContactChannel;
  /** The segment as built: the re-check honours the same policy as the build. */
  segment: SegmentCriteria;
}

/** A target list `visible` lets through (alias `t`), with its campaign. */
export function exportableList(db: Db, id: string, visible: Where): Promise<ExportableList | undefined> {
  const at = visible.bind(id);
  return maybeOne<ExportableList>(
    db,
    `SELECT t.id, t.campaign_id AS "campaignId", c.name AS "campaignName", t.status, t.purpose, t.channel, t.segment
       FROM target_lists t JOIN campaigns c ON c.id = t.campaign_id
      WHERE t.id = ${at} AND ${visible}`,
    visible.params,
  );
}

/** A member as the file may carry them, with the reasons (if any) that rule them out now. */
export interface Recipient {
  customerNumber: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string;
  reasons: ExclusionReason[];
}

/**
 * The list's members that `visible` lets through (customers, alias `c`), judged again by the
 * rules in force today (the company's calendar), in customer-number order.
 */
export function judgedMembers(tx: Db, list: ExportableList, today: string, visible: Where): Promise<Recipient[]> {
  const listId = visible.bind(list.id);
  const rules = judgedCandidates({ campaignId: list.campaignId, purpose: list.purpose, channel: list.channel, segment: list.segment, today }, visible);
  return many<Recipient>(
    tx,
    `WITH candidates AS (
       SELECT ${CANDIDATE_COLUMNS} FROM customers c JOIN target_list_members m ON m.customer_id = c.id AND m.target_list_id = ${listId}
        WHERE ${visible}),
     ${rules}
     SELECT k.customer_number::text AS "customerNumber", k.first_name AS "firstName", k.last_name AS "lastName", k.email, k.phone,
            k.street, k.postal_code AS "postalCode", k.city, k.country, f.all_reasons AS reasons
       FROM final f JOIN candidates k ON k.id = f.id ORDER BY k.customer_number`,
    visible.params,
  );
}

export interface ExportInsert {
  targetListId: string;
  format: ExportFormat;
  content: Buffer;
  sha256: string;
  rowCount: number;
  droppedCount: number;
  droppedByReason: Array<{ reason: ExclusionReason; count: number }>;
  createdBy: string;
}

/** Keeps the file (with its exact counts, for the record) and marks the campaign exported. */
export async function insertExport(tx: Db, file: ExportInsert, campaignId: string): Promise<string> {
  const { id } = await one<{ id: string }>(
    tx,
    `INSERT INTO target_list_exports (target_list_id, format, content, sha256, row_count, dropped_count, dropped_by_reason, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [file.targetListId, file.format, file.content, file.sha256, file.rowCount, file.droppedCount, JSON.stringify(file.droppedByReason), file.createdBy],
  );
  await execute(tx, `UPDATE campaigns SET status = 'EXPORTED', updated_at = now() WHERE id = $1 AND status <> 'ARCHIVED'`, [campaignId]);
  return id;
}

export interface ExportFile {
  format: ExportFormat;
  channel: ContactChannel;
  content: Buffer;
  sha256: string;
}

/** An export's file, when its target list is one `visible` lets through (alias `t`). */
export function exportFile(db: Db, id: string, visible: Where): Promise<ExportFile | undefined> {
  const at = visible.bind(id);
  return maybeOne<ExportFile>(
    db,
    `SELECT x.format, t.channel, x.content, x.sha256
       FROM target_list_exports x JOIN target_lists t ON t.id = x.target_list_id
      WHERE x.id = ${at} AND ${visible}`,
    visible.params,
  );
}
