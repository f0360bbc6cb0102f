import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { badInput, forbidden, isUuid, notFound } from '../../errors';
import { ExportFormat, type ReasonCount, type TargetListExport } from './campaign.type';
import { CANDIDATE_COLUMNS, judgedCandidates, prohibitionKindsFor } from './exclusion-rules';
import { labelsPdf } from './labels-pdf';


interface Recipient {
  customer_number: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  all_reasons: string[];
}

/** Only the contact point the channel needs, with the name (P3: nothing more leaves the register). */
function csvColumns(channel: string): Array<[string, (r: Recipient) => string | null]> {
  const base: Array<[string, (r: Recipient) => string | null]> = [
    ['customer_number', (r) => String(r.customer_number)],
    ['first_name', (r) => r.first_name],
    ['last_name', (r) => r.last_name],
  ];
  if (channel === 'EMAIL') return [...base, ['email', (r) => r.email]];
  if (channel === 'POST') {
    return [...base, ['street', (r) => r.street], ['postal_code', (r) => r.postal_code], ['city', (r) => r.city], ['country', (r) => r.country]];
  }
  return [...base, ['phone', (r) => r.phone]];
}

export class TargetListExportsService {
  constructor(private readonly db: DataSource) {}

  /**
   * Exports a built list. The rules are checked again now: anyone who said no (or was otherwise
   * ruled out) since the build is dropped, and the result says how many and why. Audited with the
   * row count and the file's SHA-256.
   */
  async export(actor: Actor, targetListId: string, format: ExportFormat): Promise<TargetListExport> {
    if (!actor.ability.can('export', 'TargetList')) throw forbidden('You may not export target lists.');
    const [list] = isUuid(targetListId)
      ? await this.db.query(`SELECT t.*, c.name AS campaign_name FROM target_lists t JOIN campaigns c ON c.id = t.campaign_id WHERE t.id = $1`, [targetListId])
      : [];
    if (!list) throw notFound('Target list');
    if (list.status !== 'BUILT') throw badInput('id', 'The list is not built yet.');
    if (format === ExportFormat.LABELS_PDF && list.channel !== 'POST') throw badInput('format', 'Mailing labels are for POST campaigns.');

    return this.db.transaction(async (tx) => {
      const params: unknown[] = [targetListId, prohibitionKindsFor(list.purpose, list.channel), list.channel];
      const rules = judgedCandidates({ kinds: '$2::text[]', channel: '$3::text', optOut: list.purpose !== 'MARKET_AND_OPINION_RESEARCH', channelName: list.channel });
      const rows: Recipient[] = await tx.query(
        `WITH candidates AS (
           SELECT ${CANDIDATE_COLUMNS} FROM customers c JOIN target_list_members m ON m.customer_id = c.id AND m.target_list_id = $1),
         ${rules}
         SELECT k.customer_number, k.first_name, k.last_name, k.email, k.phone, k.street, k.postal_code, k.city, k.country, f.all_reasons
           FROM final f JOIN candidates k ON k.id = f.id ORDER BY k.customer_number`,
        params,
      );
      const kept = rows.filter((r) => r.all_reasons.length === 0);
      const dropped = rows.filter((r) => r.all_reasons.length > 0);
      const byReason = new Map<string, number>();
      for (const r of dropped) for (const reason of r.all_reasons) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      const droppedByReason: ReasonCount[] = [...byReason].map(([reason, count]) => ({ reason: reason as ReasonCount['reason'], count }));

      let content: Buffer;
      if (format === ExportFormat.CSV) {
        const columns = csvColumns(list.channel);
        content = Buffer.from(
          stringify([columns.map(([name]) => name), ...kept.map((r) => columns.map(([, value]) => value(r) ?? ''))]),
          'utf8',
        );
      } else {
        content = await labelsPdf(
          kept.map((r) => ({
            lines: [`${r.first_name} ${r.last_name}`, r.street ?? '', `${r.postal_code ?? ''} ${(r.city ?? '').toUpperCase()}`, ...(r.country !== 'FI' ? [r.country] : [])],
          })),
        );
      }
      const sha256 = createHash('sha256').update(content).digest('hex');
      const [{ id }] = await tx.query(
        `INSERT INTO target_list_exports (target_list_id, format, content, sha256, row_count, dropped_count, dropped_by_reason, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [targetListId, format, content, sha256, kept.length, dropped.length, JSON.stringify(droppedByReason), actor.user.id],
      );
      await tx.query(`UPDATE campaigns SET status = 'EXPORTED', updated_at = now() WHERE id = $1 AND status <> 'ARCHIVED'`, [list.campaign_id]);
      await recordAuditEvents(tx, [
        {
          action: 'TARGET_LIST_EXPORTED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          detail: { targetListId, exportId: id, format, rowCount: kept.length, droppedCount: dropped.length, sha256 },
        },
      ]);
      return {
        id,
        format,
        content: format === ExportFormat.CSV ? content.toString('utf8') : null,
        url: `/exports/${id}`,
        rowCount: kept.length,
        droppedCount: dropped.length,
        droppedByReason,
        sha256,
      };
    });
  }

  /** The file of an export, for its download link; every download is audited. */
  async download(actor: Actor, exportId: string): Promise<{ content: Buffer; contentType: string; filename: string }> {
    if (!actor.ability.can('export', 'TargetList')) throw forbidden('You may not download exports.');
    const [row] = isUuid(exportId) ? await this.db.query(`SELECT format, content, sha256 FROM target_list_exports WHERE id = $1`, [exportId]) : [];
    if (!row) throw notFound('Export');
    await recordAuditEvents(this.db.manager, [
      { action: 'EXPORT_DOWNLOADED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { exportId, sha256: row.sha256 } },
    ]);
    const pdf = row.format === 'LABELS_PDF';
    return {
      content: row.content,
      contentType: pdf ? 'application/pdf' : 'text/csv; charset=utf-8',
      filename: `rekisteri-${exportId.slice(0, 8)}.${pdf ? 'pdf' : 'csv'}`,
    };
  }
}
