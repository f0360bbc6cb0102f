import type { DataSource, EntityManager } from 'typeorm';
import type { AuditAction } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import type { Clock } from '../../clock';
import type { CustomersService } from '../customers/customers.service';
import type { Deadlines } from './deadlines';
import type { PrivacyDocuments } from './documents';
import type { PrivacyRequest, PrivacyRequestStatus, PrivacyRequestType } from './request.model';
import type { PrivacyRequestRow } from './requests.repository';

/** What a workflow step needs of the request it works on. */
export interface WorkOptions {
  types?: readonly PrivacyRequestType[];
  /** Nothing is disclosed or changed before the requester's identity is verified. */
  needsIdentity?: boolean;
  /** Steps that may still be taken on a closed request (e.g. marking notices sent). */
  allowClosed?: boolean;
  /** The fields of the request the step writes (the gate checks them on the loaded request). */
  fields?: readonly string[];
}

/**
 * What the request service offers the steps kept in files of their own (intake, notices to the
 * requester): each step is permission-checked, locked, timed and audited as the service's own are.
 * `RequestsService` implements it; the steps see only this, so neither file imports the other.
 */
export interface RequestWork {
  readonly deadlines: Deadlines;
  toRequest(row: PrivacyRequestRow): PrivacyRequest;
  work(actor: Actor, id: string, options: WorkOptions, step: (tx: EntityManager, row: PrivacyRequestRow) => Promise<void>): Promise<PrivacyRequest>;
  transition(
    tx: EntityManager,
    actor: Actor | null,
    row: PrivacyRequestRow,
    status: PrivacyRequestStatus,
    kind: string,
    note: string | null,
    detail: Record<string, unknown> | null,
  ): Promise<void>;
  event(
    tx: EntityManager,
    actor: Actor | null,
    requestId: string,
    kind: string,
    fromStatus: string | null,
    toStatus: string | null,
    note: string | null,
    detail: Record<string, unknown> | null,
  ): Promise<void>;
  audit(tx: EntityManager, actor: Actor | null, action: AuditAction, row: PrivacyRequestRow, detail: Record<string, unknown>): Promise<void>;
}

/** What a step kept in a file of its own needs: the service's parts and the service itself. */
export interface RequestStepDeps {
  db: DataSource;
  clock: Clock;
  customers: CustomersService;
  documents: PrivacyDocuments;
  requests: RequestWork;
}
