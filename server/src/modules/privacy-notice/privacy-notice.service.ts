import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { requireRight } from '../../auth/authorize';
import { appError, badInput } from '../../errors';
import { inEea } from '../disclosures/eea';
import { registerConfigRow, identityOf, retentionOf } from '../register-config/register-config.repository';
import { buildNotice, type NoticeLang, type NoticeRecipient, type NoticeSources, type NoticeText } from './notice-content';
import { processingRecord, processingRecordCsv, processingRecordHtml } from './processing-record';
import { activeRecipientRows, firstPublishedAt, insertVersion, latestVersion, sourcesInUse, versions } from './privacy-notice.repository';

/** Both languages of one version of the notice. */
export type NoticeContent = Record<NoticeLang, NoticeText>;

export interface PublishedNotice {
  version: number;
  /** When the first version was published. */
  drawnUp: Date;
  /** When this version was published. */
  lastChanged: Date;
  content: NoticeContent;
}

/** What changed in one section since the last published version. */
export interface NoticeChange {
  section: string;
  added: string[];
  removed: string[];
}

/** Columns of a recipient row the notice shows as they are, beyond the core ones: a processor's agreement and the like. */
const CORE = new Set([
  'id',
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
  'version',
  'created_at',
  'updated_at',
]);

function recipientOf(row: Record<string, unknown>): NoticeRecipient {
  const country = String(row.country);
  const extra = Object.entries(row)
    .filter(([k, v]) => !CORE.has(k) && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(
      ([k, v]) =>
        [
          k.replace(/_/g, ' '),
          Array.isArray(v)
            ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('; ')
            : typeof v === 'object'
              ? JSON.stringify(v)
              : String(v),
        ] as [string, string],
    );
  return {
    name: String(row.name),
    kind: String(row.kind),
    country,
    inEea: inEea(country),
    bases: (row.bases as string[]) ?? [],
    safeguard: (row.safeguard as string | null) ?? null,
    necessity: (row.necessity as string | null) ?? null,
    extra,
  };
}

const digestOf = (content: NoticeContent) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

/**
 * P18: the privacy notice generated from the live configuration, published in versions by ADMIN. The public pages
 * serve the latest published version; before the first publish there is none (the pages answer 404 saying so).
 */
export class PrivacyNotices {
  private cookieSource: ((tx: EntityManager) => Promise<Record<NoticeLang, string[]> | null>) | null = null;

  constructor(private readonly db: DataSource) {}

  /** P13: the web-events module plugs the cookie section in here; until then the notice says they are not configured. */
  useCookieSection(source: (tx: EntityManager) => Promise<Record<NoticeLang, string[]> | null>): void {
    this.cookieSource = source;
  }

  private async sources(tx: EntityManager): Promise<NoticeSources> {
    const row = await registerConfigRow(tx);
    return {
      identity: identityOf(row),
      retention: retentionOf(row),
      recipients: (await activeRecipientRows(tx)).map(recipientOf),
      sourcesInUse: await sourcesInUse(tx),
      cookies: this.cookieSource ? await this.cookieSource(tx) : null,
    };
  }

  private async draftIn(tx: EntityManager): Promise<NoticeContent> {
    const src = await this.sources(tx);
    return { fi: buildNotice(src, 'fi'), en: buildNotice(src, 'en') };
  }

  /** The notice the configuration makes now, and what changed since the last published version (ADMIN, PRIVACY_OFFICER). */
  async draft(actor: Actor): Promise<{ content: NoticeContent; changes: Record<NoticeLang, NoticeChange[]>; latestVersion: number | null }> {
    requireRight(actor, 'read', 'RegisterConfig', 'You may not preview the privacy notice.');
    return this.db.transaction(async (tx) => {
      const content = await this.draftIn(tx);
      const latest = await latestVersion(tx);
      return {
        content,
        // Each language's changes in its own words (the web shows the draft in the user's language).
        changes: {
          fi: changesBetween((latest?.content as NoticeContent | undefined)?.fi ?? null, content.fi),
          en: changesBetween((latest?.content as NoticeContent | undefined)?.en ?? null, content.en),
        },
        latestVersion: latest?.version ?? null,
      };
    });
  }

  async versions(actor: Actor) {
    requireRight(actor, 'read', 'RegisterConfig', 'You may not read the versions of the privacy notice.');
    return versions(this.db);
  }

  /** Publishes the draft as a new version. Refused when the controller is not named, or nothing changed. */
  async publish(actor: Actor): Promise<PublishedNotice> {
    requireRight(actor, 'create', 'PrivacyNotice', 'Only an administrator publishes the privacy notice.');
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('privacy_notice_publish'))`);
      const row = await registerConfigRow(tx);
      if (!row.controller_name) throw badInput('controllerName', 'Name the controller before publishing the privacy notice.');
      const content = await this.draftIn(tx);
      const digest = digestOf(content);
      const latest = await latestVersion(tx);
      if (latest?.digest === digest) throw badInput('version', 'Nothing has changed since the last published version.');
      const inserted = await insertVersion(tx, (latest?.version ?? 0) + 1, content, digest, actor.user.id);
      await recordAuditEvents(tx, [
        { action: 'PRIVACY_NOTICE_PUBLISHED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { version: inserted.version, digest } },
      ]);
      return { version: inserted.version, drawnUp: (await firstPublishedAt(tx)) ?? inserted.published_at, lastChanged: inserted.published_at, content };
    });
  }

  /** GDPR 30(1): the record of processing activities from the configuration in force (ADMIN, PRIVACY_OFFICER). */
  async processingRecord(actor: Actor, lang: NoticeLang, format: 'csv' | 'html'): Promise<{ filename: string; contentType: string; content: Buffer }> {
    requireRight(actor, 'read', 'RegisterConfig', 'You may not read the record of processing activities.');
    const content = await this.db.transaction((tx) => this.draftIn(tx));
    const rows = processingRecord(content[lang], lang);
    if (format === 'csv')
      return { filename: `processing-record-${lang}.csv`, contentType: 'text/csv; charset=utf-8', content: processingRecordCsv(rows, lang) };
    return {
      filename: `processing-record-${lang}.html`,
      contentType: 'text/html; charset=utf-8',
      content: Buffer.from(processingRecordHtml(rows, lang, new Date()), 'utf8'),
    };
  }

  /** The latest published version, for the public pages (no login) and the API. */
  async published(): Promise<PublishedNotice | null> {
    const latest = await latestVersion(this.db);
    if (!latest) return null;
    return {
      version: latest.version,
      drawnUp: (await firstPublishedAt(this.db)) ?? latest.published_at,
      lastChanged: latest.published_at,
      content: latest.content as NoticeContent,
    };
  }

  /** The latest published version over the API: anyone with a role (the same notice is public). */
  async publishedFor(actor: Actor): Promise<PublishedNotice> {
    requireRight(actor, 'read', 'PrivacyNotice', 'You may not read the privacy notice here; it is public at /privacy-notice.');
    const notice = await this.published();
    if (!notice) throw appError('NOT_FOUND', 'No version of the privacy notice has been published yet.');
    return notice;
  }
}

/** Paragraphs added and removed per section, in the draft's section order. */
export function changesBetween(before: NoticeText | null, after: NoticeText): NoticeChange[] {
  const old = new Map((before?.sections ?? []).map((s) => [s.key, s]));
  return after.sections
    .map((s) => {
      const prev = old.get(s.key)?.paragraphs ?? [];
      return { section: s.title, added: s.paragraphs.filter((p) => !prev.includes(p)), removed: prev.filter((p) => !s.paragraphs.includes(p)) };
    })
    .filter((c) => c.added.length > 0 || c.removed.length > 0);
}
