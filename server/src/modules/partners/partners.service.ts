import { randomBytes } from 'node:crypto';
import { API_TOKEN_SCOPES, PARTNER_SCOPABLE_CUSTOMER_FIELDS, PARTNER_UPDATABLE_FIELDS, type ApiTokenScope } from '@rekisteri/schema';
import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { newApiTokenSecret } from '../../auth/api-tokens';
import { assertWritable, requireRight, visibleWhere } from '../../auth/authorize';
import type { Clock } from '../../clock';
import { Where } from '../../db/sql';
import { badInput, conflict, isUuid, notFound } from '../../errors';
import { DisclosureBasis, RecipientKind } from '../disclosures/disclosure.model';
import { insertRecipient, nameTaken, recipientOfPartner, updateRecipientAt, type RecipientValues } from '../disclosures/disclosures.repository';
import { dataFieldsOf, validateProcessorTerms } from '../disclosures/transfers';
import type { ApiToken, ApiTokenRequest, IssuedApiToken, Partner, PartnerDetails } from './partner.model';
import { apiTokenById, apiTokensOf, insertApiToken, insertTokenAccount, revokeApiToken, type ApiTokenRow } from './api-tokens.repository';
import { insertPartner, listPartners, partnerById, partnerNameTaken, updatePartnerAt, type PartnerRow } from './partners.repository';

/** The longest a token may live: a partner system's credentials are renewed at least yearly. */
const MAX_TOKEN_DAYS = 366;

const partnerFromRow = (row: PartnerRow): Partner => ({
  id: row.id,
  name: row.name,
  businessId: row.business_id,
  active: row.active,
  customerFields: row.customer_fields,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const tokenFromRow = (row: ApiTokenRow, now: Date): ApiToken => ({
  id: row.id,
  partnerId: row.partner_id,
  name: row.name,
  prefix: row.prefix,
  scopes: row.scopes as ApiTokenScope[],
  expiresAt: row.expires_at,
  createdAt: row.created_at,
  createdBy: row.created_by,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
  active: row.revoked_at === null && row.expires_at.getTime() > now.getTime(),
});

/** The fields of a partner write that are given. */
const givenFields = (input: PartnerDetails) =>
  PARTNER_UPDATABLE_FIELDS.filter((f) => input[f as keyof PartnerDetails] !== undefined && input[f as keyof PartnerDetails] !== null);

/** A Finnish business ID (Y-tunnus) 1234567-8 with its check digit; a foreign firm's identifier as given. */
function businessIdOf(value: string | null | undefined, country: string): string | null {
  const id = value?.trim() || null;
  if (id === null) return null;
  if (country === 'FI') {
    const m = /^(\d{7})-(\d)$/.exec(id);
    const weights = [7, 9, 10, 5, 8, 4, 2];
    const sum = m ? [...m[1]].reduce((s, d, i) => s + Number(d) * weights[i], 0) : 0;
    const check = sum % 11 === 0 ? 0 : 11 - (sum % 11);
    if (!m || sum % 11 === 1 || check !== Number(m[2])) throw badInput('businessId', 'Give a Finnish business ID as 1234567-8 (the check digit must match).');
  } else if (id.length > 50) {
    throw badInput('businessId', 'Keep the business ID to 50 characters.');
  }
  return id;
}

/** The account name of a token: says it is a token, and of which firm, wherever the audit trail shows it. */
function tokenUsername(firm: string): string {
  const slug = firm
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `api.${slug || 'partner'}.${randomBytes(3).toString('hex')}`;
}

/**
 * P4: the firms acting for the company. Each is also a processor in the recipients registry (P9), whose data
 * fields are the customer fields its staff and its systems may read; ADMIN manages firms and issues their tokens.
 * Each firm's staff see only their own firm.
 */
export class PartnersService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly confidentialityVersion: string,
  ) {}

  async list(actor: Actor): Promise<Partner[]> {
    requireRight(actor, 'read', 'Partner', 'You may not read partner firms.');
    const where = new Where();
    where.and(visibleWhere(actor, 'Partner', where, 'p'));
    return (await listPartners(this.db, where)).map(partnerFromRow);
  }

  /** Registers a firm and its processor row in one transaction. */
  async create(actor: Actor, input: PartnerDetails): Promise<Partner> {
    assertWritable(actor, 'create', 'Partner', null, givenFields(input));
    const { partner, processor } = validatePartner(input);
    return this.db.transaction(async (tx) => {
      if (await partnerNameTaken(tx, partner.name)) throw badInput('name', 'A partner firm with this name is already registered.');
      if (await nameTaken(tx, processor.name)) throw badInput('name', 'A recipient with this name is already registered.');
      const id = await insertPartner(tx, partner);
      await insertRecipient(tx, processor, id);
      await recordAuditEvents(tx, [
        { action: 'PARTNER_CREATED', actorId: actor.user.id, actorUsername: actor.user.username, detail: { partnerId: id, ...partner, processor } },
      ]);
      return partnerFromRow((await partnerById(tx, id)) as PartnerRow);
    });
  }

  /**
   * Changes a firm as loaded at `version`, its processor row with it. A firm deactivated loses access at once:
   * every session and token is checked against the firm on each request.
   */
  async update(actor: Actor, id: string, version: number, input: PartnerDetails): Promise<Partner> {
    requireRight(actor, 'update', 'Partner', 'You may not change partner firms.');
    if (!isUuid(id)) throw notFound('Partner');
    return this.db.transaction(async (tx) => {
      const before = await partnerById(tx, id, true);
      if (!before) throw notFound('Partner');
      assertWritable(actor, 'update', 'Partner', { id }, givenFields(input));
      const { partner, processor } = validatePartner(input);
      const stale = () =>
        conflict('Someone else changed this partner firm after you opened it. Reload to see their changes.', { currentVersion: before.version });
      if (before.version !== version) throw stale();
      if (await partnerNameTaken(tx, partner.name, id)) throw badInput('name', 'A partner firm with this name is already registered.');
      if ((await updatePartnerAt(tx, id, version, partner)) === 0) throw stale();
      const row = await recipientOfPartner(tx, id, true);
      if (row) {
        if (await nameTaken(tx, processor.name, row.id)) throw badInput('name', 'A recipient with this name is already registered.');
        // The processor row keeps what the recipients page records of it (bases, notice address); the firm sets the rest.
        const kept: RecipientValues = {
          ...processor,
          bases: row.bases,
          language: row.language,
          contact_email: row.contact_email,
          postal_address: row.postal_address,
        };
        await updateRecipientAt(tx, row.id, row.version, kept);
      } else {
        await insertRecipient(tx, processor, id);
      }
      await recordAuditEvents(tx, [
        {
          action: before.active && !partner.active ? 'PARTNER_DEACTIVATED' : 'PARTNER_UPDATED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          detail: { partnerId: id, before: partnerFromRow(before), after: { ...partner, processor } },
        },
      ]);
      return partnerFromRow((await partnerById(tx, id)) as PartnerRow);
    });
  }

  /** The tokens of firms, for the admin page (one statement for a list of firms). */
  async tokensOf(actor: Actor, partnerIds: readonly string[]): Promise<ApiToken[][]> {
    requireRight(actor, 'read', 'ApiToken', 'You may not read API tokens.');
    const rows = await apiTokensOf(this.db, partnerIds.filter(isUuid));
    const now = this.clock.now();
    return partnerIds.map((id) => rows.filter((r) => r.partner_id === id).map((r) => tokenFromRow(r, now)));
  }

  /** P4: issues a token to a firm's system. The secret is returned here once; only its hash is kept. */
  async issueToken(actor: Actor, input: ApiTokenRequest): Promise<IssuedApiToken> {
    requireRight(actor, 'create', 'ApiToken', 'You may not issue API tokens.');
    const name = input.name?.trim();
    if (!name || name.length > 100) throw badInput('name', 'Name the token (at most 100 characters), e.g. the system that uses it.');
    const scopes = [...new Set(input.scopes)];
    if (scopes.length === 0 || scopes.some((s) => !API_TOKEN_SCOPES.includes(s))) throw badInput('scopes', 'Choose what the token may do.');
    const now = this.clock.now();
    const expiresAt = new Date(input.expiresAt);
    if (Number.isNaN(expiresAt.getTime()) || expiresAt.getTime() <= now.getTime()) throw badInput('expiresAt', 'The expiry must be in the future.');
    if (expiresAt.getTime() > now.getTime() + MAX_TOKEN_DAYS * 86_400_000) throw badInput('expiresAt', `A token lives at most ${MAX_TOKEN_DAYS} days.`);
    if (!isUuid(input.partnerId)) throw badInput('partnerId', 'No such partner firm.');
    return this.db.transaction(async (tx) => {
      const firm = await partnerById(tx, input.partnerId, true);
      if (!firm) throw badInput('partnerId', 'No such partner firm.');
      if (!firm.active) throw badInput('partnerId', 'This partner firm is deactivated: activate it before issuing it a token.');
      const secret = newApiTokenSecret();
      const userId = await insertTokenAccount(
        tx,
        tokenUsername(firm.name),
        `API token "${name}" of ${firm.name}`.slice(0, 200),
        firm.id,
        this.confidentialityVersion,
      );
      const row = await insertApiToken(tx, {
        partnerId: firm.id,
        userId,
        name,
        secretHash: secret.hash,
        prefix: secret.prefix,
        scopes,
        expiresAt,
        createdBy: actor.user.id,
      });
      await recordAuditEvents(tx, [
        {
          action: 'API_TOKEN_ISSUED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          targetUserId: userId,
          detail: { tokenId: row.id, partnerId: firm.id, partner: firm.name, name, scopes, expiresAt: expiresAt.toISOString() },
        },
      ]);
      return { token: tokenFromRow(row, now), secret: secret.token };
    });
  }

  /** Revokes a token: its next request is refused, in every process. */
  async revokeToken(actor: Actor, id: string): Promise<ApiToken> {
    requireRight(actor, 'deactivate', 'ApiToken', 'You may not revoke API tokens.');
    if (!isUuid(id)) throw notFound('API token');
    return this.db.transaction(async (tx) => {
      const before = await apiTokenById(tx, id);
      if (!before) throw notFound('API token');
      const now = this.clock.now();
      if ((await revokeApiToken(tx, id, actor.user.id, now)) > 0) {
        await recordAuditEvents(tx, [
          {
            action: 'API_TOKEN_REVOKED',
            actorId: actor.user.id,
            actorUsername: actor.user.username,
            detail: { tokenId: id, partnerId: before.partner_id, name: before.name },
          },
        ]);
      }
      return tokenFromRow((await apiTokenById(tx, id)) as ApiTokenRow, now);
    });
  }
}

/** A firm's values and its processor row's, validated; the field scope within what the permission table lets PARTNER read. */
function validatePartner(input: PartnerDetails): { partner: { name: string; business_id: string | null; active: boolean }; processor: RecipientValues } {
  const name = input.name?.trim();
  if (!name) throw badInput('name', 'Give the partner firm a name.');
  if (name.length > 200) throw badInput('name', 'Keep the name to 200 characters.');
  const terms = validateProcessorTerms(input);
  const active = input.active ?? true;
  const customerFields = dataFieldsOf(input.customerFields, PARTNER_SCOPABLE_CUSTOMER_FIELDS, 'customerFields');
  return {
    partner: { name, business_id: businessIdOf(input.businessId, terms.country), active },
    processor: {
      name,
      kind: RecipientKind.PROCESSOR,
      // P4: a partner maintains the customer relationship for the company, a service the customer receives.
      bases: [DisclosureBasis.VALUE_ADDED_SERVICE],
      active,
      ...terms,
      data_fields: customerFields,
      language: null,
      contact_email: null,
      postal_address: null,
    },
  };
}
