import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import { requireRight } from '../../auth/authorize';
import type { Clock } from '../../clock';
import type { Db } from '../../db/sql';
import { isAppError } from '../../errors';
import type { Logger } from '../../logger';
import type { CustomersService } from '../customers/customers.service';
import type { Customer } from '../customers/customer.model';
import { DataSource as Source } from '../provenance/provenance.model';
import type { RetentionSource } from '../register-config/retention';
import type { ConsentInput, ContactFormInput, EventsInput } from './collect-input';
import {
  consentForUpdate,
  consentsOfCustomer,
  deleteEventsOfVisitor,
  eventsOfCustomer,
  formsOfCustomer,
  insertEvents,
  insertFormSubmission,
  linkVisitor,
  purgeEventsBefore,
  upsertConsent,
  withdrawConsent,
  type ConsentRow,
} from './web-events.repository';
import { ConsentCategory, type CustomerWebActivity, type WebConsent } from './web-events.model';
import { webFormActor } from './web-form-actor';

/** The newest page views shown on a customer's page; the access package carries them all. */
const EVENTS_SHOWN = 200;
const DAY_MS = 86_400_000;

/** What the request tells about the browser, as the notice lists it (P13). */
export interface VisitMeta {
  ip: string | null;
  userAgent: string | null;
}

export type ConsentOutcome = { given: true; categories: ConsentCategory[] } | { given: false; withdrawn: boolean; deletedEvents: number };

export type CollectOutcome = { stored: number } | { stored: 0; code: 'NO_CONSENT' };

export function consentOf(row: ConsentRow): WebConsent {
  return {
    categories: row.categories as ConsentCategory[],
    noticeVersion: row.notice_version,
    givenAt: row.given_at,
    withdrawnAt: row.withdrawn_at,
    linkedAt: row.linked_at,
  };
}

/**
 * P13: web events of the company's own site, consent first. Nothing about a visitor is stored before
 * their consent; withdrawing it deletes their events; a contact form fill links the visitor to the
 * customer it makes or matches; events older than the retention period are deleted every night.
 */
export class WebEventsService {
  constructor(
    private readonly db: DataSource,
    private readonly customers: CustomersService,
    private readonly clock: Clock,
    private readonly retention: RetentionSource,
    private readonly confidentialityVersion: string,
    private readonly logger: Logger,
  ) {}

  /** Consent given (categories), or withdrawn (none): a withdrawal deletes the visitor's events, and says how many. */
  async consent(input: ConsentInput): Promise<ConsentOutcome> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const current = await consentForUpdate(tx, input.visitorId);
      if (input.categories.length > 0) {
        await upsertConsent(tx, input.visitorId, input.categories, input.noticeVersion, now);
        return { given: true, categories: input.categories };
      }
      // Without a consent there is nothing about the visitor to withdraw, and nothing is recorded now either.
      if (!current) return { given: false, withdrawn: false, deletedEvents: 0 };
      const deletedEvents = await deleteEventsOfVisitor(tx, input.visitorId);
      await withdrawConsent(tx, input.visitorId, input.noticeVersion, now);
      return { given: false, withdrawn: true, deletedEvents };
    });
  }

  /** Page views: stored only for a visitor whose consent is in force (under its lock, so a withdrawal cannot race past). */
  async collect(input: EventsInput, meta: VisitMeta): Promise<CollectOutcome> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const consent = await consentForUpdate(tx, input.visitorId);
      if (!consent || consent.categories.length === 0) return { stored: 0, code: 'NO_CONSENT' } as const;
      return { stored: await insertEvents(tx, input.visitorId, input.events, now, meta.ip, meta.userAgent) };
    });
  }

  /**
   * The site's contact form: the customer with this e-mail (or phone) is matched through the customers'
   * own duplicate check, else one is created with provenance WEB_FORM; the visitor's events, when they
   * consented, are linked to that customer. The answer never says which happened (no one can probe the register).
   */
  async contactForm(input: ContactFormInput, origin: string): Promise<void> {
    const actor = webFormActor(this.confidentialityVersion);
    const now = this.clock.now();
    const source = { source: Source.WEB_FORM, detail: `contact form, ${origin}` };
    const { customer, matched } = await this.matchOrCreate(actor, input, source);
    await this.db.transaction(async (tx) => {
      const consent = input.visitorId ? await consentForUpdate(tx, input.visitorId) : undefined;
      const linked = consent ? await linkVisitor(tx, consent.visitor_id, customer.id, now) : false;
      await insertFormSubmission(tx, {
        customerId: customer.id,
        visitorId: linked ? (input.visitorId ?? null) : null,
        form: 'contact',
        message: input.message,
        at: now,
        matched,
      });
      await recordAuditEvents(tx, [
        {
          action: 'WEB_FORM_RECEIVED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: customer.id,
          detail: { form: 'contact', origin, matched, visitorLinked: linked, consentCategories: consent?.categories ?? [] },
        },
      ]);
    });
  }

  private async matchOrCreate(actor: Actor, input: ContactFormInput, source: { source: Source; detail: string }) {
    const match = async (): Promise<Customer | undefined> => {
      const found = (await this.customers.possibleDuplicates(actor, input.email, input.phone, null)).filter((c) => !c.anonymised && !c.pendingErasure);
      // One person, one record (P6): the same e-mail first, then the phone; of several, the oldest record (as target lists keep it).
      return found.find((c) => c.email === input.email) ?? found[0];
    };
    const existing = await match();
    if (existing) return { customer: existing, matched: true };
    try {
      const created = await this.customers.create(
        actor,
        { firstName: input.firstName, lastName: input.lastName, email: input.email, phone: input.phone },
        { source },
      );
      return { customer: created, matched: false };
    } catch (error) {
      // Someone with the same e-mail or phone was made meanwhile (a second tab): that is the match.
      if (isAppError(error, 'POSSIBLE_DUPLICATE')) {
        const raced = await match();
        if (raced) return { customer: raced, matched: true };
      }
      throw error;
    }
  }

  /** A customer's web activity, for the customer's page: who may read web events, of a customer they may see. */
  async activity(actor: Actor, customerId: string): Promise<CustomerWebActivity> {
    requireRight(actor, 'read', 'WebEvent', 'You may not read web events.');
    const customer = await this.customers.get(actor, customerId);
    return this.activityOf(this.db, customer.id, EVENTS_SHOWN);
  }

  /** Everything about the customer's web activity (the access package reads it through the gate it has passed). */
  async activityOf(db: Db, customerId: string, limit = Number.MAX_SAFE_INTEGER): Promise<CustomerWebActivity> {
    const [consents, events, forms] = await Promise.all([
      consentsOfCustomer(db, customerId),
      eventsOfCustomer(db, customerId, limit),
      formsOfCustomer(db, customerId),
    ]);
    return {
      consents: consents.map(consentOf),
      events: events.map((e) => ({
        id: e.id,
        occurredAt: e.occurred_at,
        page: e.page,
        durationSeconds: Math.round(e.duration_ms / 1000),
        ipAddress: e.ip_address,
        userAgent: e.user_agent,
      })),
      forms: forms.map((f) => ({ id: f.id, form: f.form, message: f.message, submittedAt: f.submitted_at, matched: f.matched })),
    };
  }

  /** The first instant whose events are kept: the retention period counted back from now. */
  async keptSince(): Promise<Date> {
    const { webEventDays } = await this.retention.retention();
    return new Date(this.clock.now().getTime() - webEventDays * DAY_MS);
  }

  /** P13: the nightly purge. Events older than the retention period go; answers how many. */
  async purge(): Promise<number> {
    const before = await this.keptSince();
    const deleted = await purgeEventsBefore(this.db, before);
    this.logger.info({ deleted, before: before.toISOString() }, 'web events past their retention purged');
    return deleted;
  }
}
