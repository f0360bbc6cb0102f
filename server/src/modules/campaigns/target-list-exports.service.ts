import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { assertReadable, kAnonymous, requireRight, visibleWhere } from '../../auth/authorize';
import { Where } from '../../db/sql';
import { badInput, isUuid, notFound } from '../../errors';
import { ExportFormat, ExportLanguage, type ExclusionReason, type TargetListExportRecord } from './campaign.model';
import type { Clock } from '../../clock';
import { peopleCsv } from '../../csv';
import { CompanyCalendar } from './company-calendar';
import { csvTable, fileFields } from './export-columns';
import { labelsPdf } from './labels-pdf';
import { exportableList, exportFile, insertExport, judgedMembers, type Recipient } from './target-list-exports.repository';

const refusal = (channel: string) => `A ${channel} file carries what you may not read, so it is not made for you.`;

export class TargetListExportsService {
  private readonly calendar: CompanyCalendar;

  constructor(
    private readonly db: DataSource,
    clock: Clock,
    timeZone: string,
  ) {
    this.calendar = new CompanyCalendar(clock, timeZone);
  }

  /**
   * Exports a built list. The file carries only fields the exporter may read, of customers they
   * may see. The rules are checked again now: anyone who said no (or was otherwise ruled out)
   * since the build is dropped, and the result says how many and why, k-anonymously. Audited with
   * the row count and the file's SHA-256. A CSV is in the language asked for (headers, separator).
   */
  async export(actor: Actor, targetListId: string, format: ExportFormat, language = ExportLanguage.FI): Promise<TargetListExportRecord> {
    requireRight(actor, 'export', 'TargetList', 'You may not export target lists.');
    const lists = new Where();
    lists.and(visibleWhere(actor, 'TargetList', lists, 't'));
    const list = isUuid(targetListId) ? await exportableList(this.db, targetListId, lists) : undefined;
    if (!list) throw notFound('Target list');
    // Files carry only what the exporting role may read: a PHONE or SMS file needs Customer.phone.
    assertReadable(actor, 'Customer', fileFields(list.channel, format), refusal(list.channel));
    if (list.status !== 'BUILT') throw badInput('id', 'The list is not built yet.');
    if (format === ExportFormat.LABELS_PDF && list.channel !== 'POST') throw badInput('format', 'Mailing labels are for POST campaigns.');

    return this.db.transaction(async (tx) => {
      const customers = new Where();
      customers.and(visibleWhere(actor, 'Customer', customers, 'c'));
      const rows = await judgedMembers(tx, list, this.calendar.today(), customers);
      const kept = rows.filter((r) => r.reasons.length === 0);
      const dropped = rows.filter((r) => r.reasons.length > 0);
      const byReason = new Map<ExclusionReason, number>();
      for (const r of dropped) for (const reason of r.reasons) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
      const droppedByReason = [...byReason].map(([reason, count]) => ({ reason, count }));

      const content = format === ExportFormat.CSV ? csvFile(list.channel, language, kept) : await labelsFile(kept);
      const sha256 = createHash('sha256').update(content).digest('hex');
      const id = await insertExport(
        tx,
        { targetListId, format, content, sha256, rowCount: kept.length, droppedCount: dropped.length, droppedByReason, createdBy: actor.user.id },
        list.campaignId,
      );
      await recordAuditEvents(tx, [
        {
          action: 'TARGET_LIST_EXPORTED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          detail: { targetListId, exportId: id, format, language, rowCount: kept.length, droppedCount: dropped.length, sha256 },
        },
      ]);
      return {
        id,
        format,
        language,
        content: format === ExportFormat.CSV ? content.toString('utf8') : null,
        url: `/exports/${id}`,
        rowCount: kept.length,
        // Counts about people who are not in the file: never fewer than 5 exactly.
        droppedCount: kAnonymous(dropped.length),
        droppedByReason: droppedByReason.map(({ reason, count }) => ({ reason, ...kAnonymous(count) })),
        sha256,
      };
    });
  }

  /** The file of an export, for its download link: the same gate as making it; every download is audited. */
  async download(actor: Actor, exportId: string): Promise<{ content: Buffer; contentType: string; filename: string }> {
    requireRight(actor, 'export', 'TargetList', 'You may not download exports.');
    const lists = new Where();
    lists.and(visibleWhere(actor, 'TargetList', lists, 't'));
    const file = isUuid(exportId) ? await exportFile(this.db, exportId, lists) : undefined;
    if (!file) throw notFound('Export');
    assertReadable(actor, 'Customer', fileFields(file.channel, file.format), refusal(file.channel));
    await recordAuditEvents(this.db.manager, [
      { action: 'EXPORT_DOWNLOADED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { exportId, sha256: file.sha256 } },
    ]);
    const pdf = file.format === ExportFormat.LABELS_PDF;
    return {
      content: file.content,
      contentType: pdf ? 'application/pdf' : 'text/csv; charset=utf-8',
      filename: `rekisteri-${exportId.slice(0, 8)}.${pdf ? 'pdf' : 'csv'}`,
    };
  }
}

/** Issue 12: neutralised against formulas, in the dialect a spreadsheet of that language opens right. */
function csvFile(channel: string, language: ExportLanguage, kept: Recipient[]): Buffer {
  const csvLanguage = language === ExportLanguage.EN ? 'en' : 'fi';
  const { header, rows } = csvTable(channel, csvLanguage, kept);
  return peopleCsv(csvLanguage, header, rows);
}

function labelsFile(kept: Recipient[]): Promise<Buffer> {
  return labelsPdf(
    kept.map((r) => ({
      lines: [
        `${r.firstName} ${r.lastName}`,
        r.street ?? '',
        `${r.postalCode ?? ''} ${(r.city ?? '').toUpperCase()}`,
        ...(r.country !== 'FI' ? [r.country] : []),
      ],
    })),
  );
}
