import { many, maybeOne, one, type Db } from '../../db/sql';

/** P18: the SQL of the notice: the published versions (append-only), and the registry rows the notice is made of. */

export interface NoticeVersionRow {
  version: number;
  published_at: Date;
  content: unknown;
  digest: string;
}

export function latestVersion(db: Db): Promise<NoticeVersionRow | undefined> {
  return maybeOne<NoticeVersionRow>(db, `SELECT version, published_at, content, digest FROM privacy_notice_versions ORDER BY version DESC LIMIT 1`);
}

/** When the first version was published: the date the notice was drawn up. */
export async function firstPublishedAt(db: Db): Promise<Date | null> {
  return (await maybeOne<{ at: Date }>(db, `SELECT published_at AS at FROM privacy_notice_versions ORDER BY version LIMIT 1`))?.at ?? null;
}

export function versions(db: Db): Promise<Array<{ version: number; published_at: Date; published_by: string | null }>> {
  return many(
    db,
    `SELECT v.version, v.published_at, u.username AS published_by FROM privacy_notice_versions v LEFT JOIN users u ON u.id = v.published_by ORDER BY v.version DESC`,
  );
}

export function insertVersion(db: Db, version: number, content: unknown, digest: string, by: string): Promise<NoticeVersionRow> {
  return one<NoticeVersionRow>(
    db,
    `INSERT INTO privacy_notice_versions (version, content, digest, published_by) VALUES ($1, $2, $3, $4) RETURNING version, published_at, content, digest`,
    [version, JSON.stringify(content), digest, by],
  );
}

/** Active recipients as whole rows, so what the registry adds (a processor's agreement, sub-processors) reaches the notice. */
export async function activeRecipientRows(db: Db): Promise<Array<Record<string, unknown>>> {
  return (await many<{ r: Record<string, unknown> }>(db, `SELECT to_jsonb(r) AS r FROM recipients r WHERE r.active ORDER BY lower(r.name)`)).map((x) => x.r);
}

/** P7: the sources the register has actually recorded values from. */
export async function sourcesInUse(db: Db): Promise<string[]> {
  const rows = await many<{ source: string }>(
    db,
    `SELECT source::text AS source FROM customer_provenance UNION SELECT source::text FROM customers WHERE source IS NOT NULL ORDER BY 1`,
  );
  return rows.map((r) => r.source);
}
