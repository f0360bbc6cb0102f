import type { DataSource } from 'typeorm';
import { recordAuditEvents } from '../../audit/audit.service';
import { monthsBefore } from '../../audit/log-retention';
import type { Actor } from '../../auth/actor';
import { requireRight } from '../../auth/authorize';
import type { Clock } from '../../clock';
import { badInput, conflict, notFound, requireId } from '../../errors';
import type { Logger } from '../../logger';
import type { RequestsService } from '../requests/requests.service';
import type { RetentionSource } from '../register-config/retention';
import { countOpen, decideProposal, openProposals, proposalById, proposeInactive, type RetentionProposalRow } from './retention-schedule.repository';

export interface RetentionProposal {
  id: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  lastActivityAt: Date;
  proposedAt: Date;
  status: string;
  decidedAt: Date | null;
  reason: string | null;
  requestId: string | null;
  version: number;
}

const toProposal = (r: RetentionProposalRow): RetentionProposal => ({
  id: r.id,
  customerId: r.customer_id,
  customerNumber: r.customer_number,
  customerName: `${r.first_name} ${r.last_name}`,
  lastActivityAt: r.last_activity_at,
  proposedAt: r.proposed_at,
  status: r.status,
  decidedAt: r.decided_at,
  reason: r.reason,
  requestId: r.request_id,
  version: r.version,
});

const WHO = 'Only a privacy officer works the retention schedule.';
const SHOWN = 500;

/**
 * Storage limitation (issue 14, P10): customers with no order, invoice or contact for the configured period
 * (RetentionSettings.inactiveCustomerMonths, the period the notice states) are proposed for erasure on a privacy
 * officer's queue by the nightly job. The officer keeps a customer with a reason (not proposed again until another
 * full period passes from that decision) or accepts, which starts an erasure through the requests module's path.
 * Those who may erase customers (the permission table's `erase Customer`: privacy officers) see and decide them.
 */
export class RetentionSchedule {
  constructor(
    private readonly db: DataSource,
    private readonly retention: RetentionSource,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly requests: RequestsService,
  ) {}

  /** The nightly run: proposes each customer inactive for the period once; answers how many were newly proposed. */
  async proposeInactive(): Promise<number> {
    const { inactiveCustomerMonths } = await this.retention.retention();
    const now = this.clock.now();
    const since = monthsBefore(now, inactiveCustomerMonths);
    const proposed = await proposeInactive(this.db, since, now);
    this.logger.info({ proposed, inactiveSince: since.toISOString() }, 'inactive customers proposed for erasure');
    return proposed;
  }

  async proposals(actor: Actor): Promise<{ items: RetentionProposal[]; total: number }> {
    requireRight(actor, 'erase', 'Customer', WHO);
    const [rows, total] = await Promise.all([openProposals(this.db, SHOWN), countOpen(this.db)]);
    return { items: rows.map(toProposal), total };
  }

  /**
   * Accepts the proposal: starts the controller's own erasure of the customer, a request of the ERASURE kind on the
   * queue (planned and carried out there, so open invoices, collection and the accounting retention still hold, P10).
   */
  async accept(actor: Actor, id: string, version: number): Promise<RetentionProposal> {
    requireRight(actor, 'erase', 'Customer', WHO);
    const proposalId = requireId(id, 'id', 'retention proposal');
    return this.db.transaction(async (tx) => {
      const row = await proposalById(tx, proposalId);
      if (!row) throw notFound('Retention proposal');
      if (row.status !== 'PROPOSED' || row.version !== version) {
        throw conflict('This proposal was decided or changed meanwhile; reload it.', { field: 'version' });
      }
      const request = await this.requests.startControllerErasure(tx, actor, row.customer_id, 'Retention schedule: inactive customer');
      const decided = await decideProposal(tx, proposalId, version, {
        status: 'ACCEPTED',
        at: this.clock.now(),
        by: actor.user.id,
        reason: null,
        requestId: request.id,
      });
      if (!decided) throw conflict('This proposal was decided or changed meanwhile; reload it.', { field: 'version' });
      await recordAuditEvents(tx, [
        {
          action: 'RETENTION_PROPOSAL_ACCEPTED',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: row.customer_id,
          detail: { proposalId, requestId: request.id },
        },
      ]);
      const after = await proposalById(tx, proposalId);
      if (!after) throw notFound('Retention proposal');
      return toProposal(after);
    });
  }

  /** Keeps the customer: the reason is recorded and audited; the period starts again from now. */
  async keep(actor: Actor, id: string, version: number, reason: string): Promise<RetentionProposal> {
    requireRight(actor, 'erase', 'Customer', WHO);
    const proposalId = requireId(id, 'id', 'retention proposal');
    const why = reason.trim();
    if (why.length === 0) throw badInput('reason', 'Say why the customer is kept.');
    if (why.length > 1000) throw badInput('reason', 'The reason is at most 1000 characters.');
    return this.db.transaction(async (tx) => {
      const row = await proposalById(tx, proposalId);
      if (!row) throw notFound('Retention proposal');
      const decided = await decideProposal(tx, proposalId, version, {
        status: 'KEPT',
        at: this.clock.now(),
        by: actor.user.id,
        reason: why,
        requestId: null,
      });
      if (!decided) throw conflict('This proposal was decided or changed meanwhile; reload it.', { field: 'version' });
      await recordAuditEvents(tx, [
        {
          action: 'RETENTION_PROPOSAL_KEPT',
          actorId: actor.user.id,
          actorUsername: actor.user.username,
          customerId: row.customer_id,
          detail: { proposalId, reason: why },
        },
      ]);
      const after = await proposalById(tx, proposalId);
      if (!after) throw notFound('Retention proposal');
      return toProposal(after);
    });
  }
}
