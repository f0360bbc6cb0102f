import { permittedFieldsOf, subject as asSubject, type Action, type Subject } from '@rekisteri/schema';
import type { Params } from '../db/sql';
import { forbidden } from '../errors';
import type { Actor } from './actor';
import { rulesToSql } from './rules-sql';

/**
 * The gate: the one door every path of the application goes through to ask the permission table.
 * Lists and counts (`visibleWhere`), writes (`assertWritable`), exports and documents
 * (`assertReadable`, `requireRight`), aggregates (`kAnonymous`) and single checks all come here;
 * no other module calls the ability, `permittedFieldsOf` or the rules-to-SQL translator.
 * Deny by default: a subject, a field or a rule condition the gate does not know is refused.
 */

type Row = Record<string, unknown>;

/** One question put to the gate: which function, and about what. */
export interface GateCall {
  check: string;
  action: Action;
  subject: Subject;
}

let observer: ((call: GateCall) => void) | null = null;

/**
 * Lets a test see every question put to the gate (the gate test proves with it that each root field of
 * the schema goes through here). Null in production: one comparison per call.
 */
export function observeGate(next: ((call: GateCall) => void) | null): void {
  observer = next;
}

const note = (check: string, action: Action, subject: Subject) => observer?.({ check, action, subject });

/** The SQL columns each subject's rule conditions may name, for a table alias. Any other condition fails closed. */
const RULE_COLUMNS: Record<Subject, (alias: string) => Record<string, string>> = {
  Customer: (a) => ({ id: `${a}.id`, partnerId: `${a}.partner_id`, restricted: `${a}.restricted`, anonymised: `(${a}.anonymised_at IS NOT NULL)` }),
  Partner: (a) => ({ id: `${a}.id` }),
  User: (a) => ({ id: `${a}.id` }),
  Organisation: () => ({}),
  AuditEvent: () => ({}),
  Order: () => ({}),
  OrderLine: () => ({}),
  Invoice: () => ({}),
  Statistics: () => ({}),
  Prohibition: () => ({}),
  OptOutList: () => ({}),
  Campaign: () => ({}),
  TargetList: () => ({}),
  TargetListEntry: () => ({}),
  Recipient: () => ({}),
  Disclosure: () => ({}),
  PrivacyRequest: () => ({}),
  PrivacyDocument: () => ({}),
  ComplianceReport: () => ({}),
  OutboxMessage: () => ({}),
  AddressUpdate: () => ({}),
  RegisterConfig: () => ({}),
  PrivacyNotice: () => ({}),
  ApiToken: () => ({}),
  WebEvent: () => ({}),
  CustomerImport: () => ({}),
  PaperRecord: (a) => ({ destroyed: `(${a}.destroyed_at IS NOT NULL)` }),
  CustomerNote: (a) => ({ authorId: `${a}.author_id` }),
};

/** The subjects the gate knows how to filter: every subject of the permission table. */
export const GATED_SUBJECTS = Object.keys(RULE_COLUMNS) as Subject[];

const target = (subject: Subject, record: Row | null | undefined) => (record ? asSubject(subject, { ...record }) : subject);

/** Whether the actor may take `action` on some `subject` (on this record, and this field, when given). */
export function allows(actor: Actor, action: Action, subject: Subject, record?: Row | null, field?: string): boolean {
  note('allows', action, subject);
  return actor.ability.can(action, target(subject, record), field);
}

/** Refuses with FORBIDDEN unless the actor may take `action` on `subject` (this record, when given). First in a service method. */
export function requireRight(actor: Actor, action: Action, subject: Subject, message: string, record?: Row | null): void {
  if (!allows(actor, action, subject, record)) throw forbidden(message);
}

/**
 * The rows of `subject` (table alias `alias`) the actor may read, as a SQL condition bound into
 * `params`: the same condition serves a list and its count, so a count never counts what the list hides.
 * `FALSE` when the actor may read none.
 */
export function visibleWhere(actor: Actor, subject: Subject, params: Params, alias: string): string {
  note('visibleWhere', 'read', subject);
  if (!actor.ability.can('read', subject)) return 'FALSE';
  return rulesToSql(actor.ability, 'read', subject, RULE_COLUMNS[subject](alias), params);
}

/**
 * Rows of a subject that belongs to a customer (orders, invoices, requests, disclosures): visible
 * when the subject is, and only for customers the actor may see. `customerId` is the row's customer column.
 */
export function visibleWithCustomerWhere(actor: Actor, subject: Subject, params: Params, alias: string, customerId: string): string {
  const own = visibleWhere(actor, subject, params, alias);
  if (own === 'FALSE') return own;
  return `${own} AND EXISTS (SELECT 1 FROM customers gate_c WHERE gate_c.id = ${customerId} AND ${visibleWhere(actor, 'Customer', params, 'gate_c')})`;
}

/** The fields of `subject` the actor may take `action` on (for this record, when given), from `candidates`. */
export function permittedFields(actor: Actor, action: Action, subject: Subject, candidates: readonly string[], record?: Row | null): string[] {
  note('permittedFields', action, subject);
  return permittedFieldsOf(actor.ability, action, target(subject, record), { fieldsFrom: (rule) => rule.fields ?? [...candidates] }).filter((f) =>
    candidates.includes(f),
  );
}

const VERB: Partial<Record<Action, string>> = { create: 'set', update: 'change' };

/**
 * A write: every input field must be one the actor may write on this record (its conditions are
 * checked on the record as loaded). One field outside refuses the whole write with FORBIDDEN at
 * that field; nothing is silently dropped, nothing changes.
 */
export function assertWritable(actor: Actor, action: Action, subject: Subject, record: Row | null, fields: readonly string[]): void {
  if (!allows(actor, action, subject, record)) throw forbidden(`You may not ${action} this ${subjectName(subject)}.`);
  const allowed = permittedFields(actor, action, subject, fields, record);
  const refused = fields.find((f) => !allowed.includes(f));
  if (refused) throw forbidden(`You may not ${VERB[action] ?? action} the field ${refused}.`, refused);
}

/** The fields of `subject` the actor may read (on this record, when given), from `candidates`. */
export function readableFields(actor: Actor, subject: Subject, candidates: readonly string[], record?: Row | null): string[] {
  return permittedFields(actor, 'read', subject, candidates, record);
}

/**
 * A file, document or disclosure carries only what its maker may read: every field it would carry
 * must be readable (on this record, when given), or nothing is produced.
 */
export function assertReadable(actor: Actor, subject: Subject, fields: readonly string[], why: string, record?: Row | null): void {
  const readable = readableFields(actor, subject, fields, record);
  const refused = fields.find((f) => !readable.includes(f));
  if (refused) throw forbidden(`${why} You may not read ${subjectName(subject)}.${refused}.`, refused);
}

/** Counts about people below this many are never told exactly (k-anonymity). */
export const K_ANONYMITY = 5;

/** A count that is either exact, or only "fewer than K" (count null). */
export interface KCount {
  count: number | null;
  fewerThan: number | null;
}

/** Any count under K answers "fewer than K", never the number: a small count gives a person away. */
export function kAnonymous(count: number): KCount {
  return count < K_ANONYMITY ? { count: null, fewerThan: K_ANONYMITY } : { count, fewerThan: null };
}

function subjectName(subject: Subject): string {
  return subject.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
