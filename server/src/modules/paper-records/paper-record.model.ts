import type { Page } from '../../db/paging';

/**
 * P11: the plain vocabulary of the paper register, no GraphQL: `paper-record.type.ts` gives it its GraphQL shape.
 */

export enum PaperRecordKind {
  SIGNED_REQUEST = 'SIGNED_REQUEST',
  CONTRACT = 'CONTRACT',
  ORDER_FORM = 'ORDER_FORM',
  OTHER = 'OTHER',
}

/** How a piece of paper was destroyed (or handed back to the person). */
export enum DestructionMethod {
  SHREDDED = 'SHREDDED',
  INCINERATED = 'INCINERATED',
  DESTRUCTION_SERVICE = 'DESTRUCTION_SERVICE',
  RETURNED = 'RETURNED',
}

/** Which records a list shows. */
export enum PaperRecordState {
  /** Not destroyed, and to be destroyed within DUE_WITHIN_DAYS (or already past its date). */
  DUE = 'DUE',
  /** Not destroyed. */
  HELD = 'HELD',
  DESTROYED = 'DESTROYED',
  ALL = 'ALL',
}

/** A record is due for destruction this many days before its destroy-by date. */
export const DUE_WITHIN_DAYS = 30;

export interface PaperCustodian {
  id: string;
  username: string;
  displayName: string;
}

export interface PaperRecord {
  id: string;
  kind: PaperRecordKind;
  description: string;
  /** The locked storage it is kept in. */
  location: string;
  custodian: PaperCustodian;
  customerId: string | null;
  customerNumber: string | null;
  requestId: string | null;
  requestNumber: string | null;
  /** YYYY-MM-DD. */
  receivedOn: string;
  /** YYYY-MM-DD: the last day it may be kept. */
  destroyBy: string;
  /** Past its destroy-by date and not destroyed. */
  overdue: boolean;
  destroyed: boolean;
  destroyedAt: Date | null;
  destroyedBy: PaperCustodian | null;
  destructionMethod: DestructionMethod | null;
  destructionNote: string | null;
  recordedAt: Date;
  recordedBy: PaperCustodian;
  updatedAt: Date;
  version: number;
}

export interface PaperRecordPage extends Page<PaperRecord> {
  totalCount: number;
  totalCountCapped: boolean;
}

/** A piece of paper as recorded, by the record's own field names (the permission table's). */
export interface PaperRecordInput {
  kind: PaperRecordKind;
  description: string;
  location: string;
  /** A designated member of staff; the recorder when not given. */
  custodianId?: string | null;
  /** The customer number written on the paper, when it is about a customer. */
  customerNumber?: string | null;
  /** The request number, when it is a request's paper original. */
  requestNumber?: string | null;
  receivedOn: string;
  destroyBy: string;
}

export type PaperRecordChanges = Partial<PaperRecordInput>;

export interface PaperDestruction {
  method: DestructionMethod;
  /** When it was destroyed; now when not given (never in the future). */
  destroyedAt?: Date | null;
  note?: string | null;
}
