import 'reflect-metadata';
import { type ValidationError, type ValidatorOptions, validateOrReject } from 'class-validator';
import type { GraphQLSchema } from 'graphql';
import { ArgumentValidationError, buildSchema, type NonEmptyArray, type ValidatorFn } from 'type-graphql';
import { AuditResolver } from '../audit/audit.resolver';
import { authChecker } from '../auth/auth-checker';
import { AuthResolver } from '../auth/auth.resolver';
import { guardFields } from '../auth/field-guard';
import { CampaignExclusionResolver, CampaignsResolver, TargetListEntryResolver, TargetListResolver } from '../modules/campaigns/campaigns.resolver';
import { CustomerConnectionResolver, CustomersResolver } from '../modules/customers/customers.resolver';
import { CustomerExportResolver } from '../modules/customers/customer-export.resolver';
import { CustomerInvoicesResolver, InvoicesResolver } from '../modules/invoices/invoices.resolver';
import { CustomerOrdersResolver, OrdersResolver } from '../modules/orders/orders.resolver';
import { CustomerProhibitionsResolver, ProhibitionsResolver } from '../modules/prohibitions/prohibitions.resolver';
import { CustomerProvenanceResolver } from '../modules/provenance/provenance.resolver';
import { PartnersResolver } from '../modules/partners/partners.resolver';
import { StatisticsResolver } from '../modules/statistics/statistics.resolver';
import { ComplianceResolver } from '../modules/compliance/compliance.resolver';
import { UsersResolver } from '../modules/users/users.resolver';
import { DisclosuresResolver, RecipientsResolver } from '../modules/disclosures/disclosures.resolver';
import { PrivacyRequestsResolver } from '../modules/requests/requests.resolver';
import { OutboxResolver } from '../modules/outbox/outbox.resolver';
import { AddressUpdatesResolver, CustomerUpdateProhibitionResolver } from '../modules/address-updates/address-updates.resolver';
import { RegisterConfigResolver } from '../modules/register-config/register-config.resolver';
import { RetentionScheduleResolver } from '../modules/retention-schedule/retention-schedule.resolver';
import { PrivacyNoticeResolver } from '../modules/privacy-notice/privacy-notice.resolver';
import { WebEventsResolver } from '../modules/web-events/web-events.resolver';
import { PaperRecordsResolver, PrivacyRequestPaperRecordsResolver } from '../modules/paper-records/paper-records.resolver';
import { CustomerImportsResolver, HeldCustomerDuplicatesResolver } from '../modules/customer-import/customer-imports.resolver';
import { CustomerMergedIntoResolver, CustomerMergeResolver } from '../modules/customer-merge/customer-merge.resolver';
import { CustomerNotesResolver } from '../modules/customer-notes/customer-notes.resolver';
import { refuseControlCharacters } from './text-input';

export const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  CustomersResolver,
  CustomerConnectionResolver,
  CustomerExportResolver,
  CustomerProvenanceResolver,
  CustomerProhibitionsResolver,
  ProhibitionsResolver,
  OrdersResolver,
  CustomerOrdersResolver,
  InvoicesResolver,
  CustomerInvoicesResolver,
  UsersResolver,
  PartnersResolver,
  StatisticsResolver,
  ComplianceResolver,
  CampaignsResolver,
  TargetListResolver,
  TargetListEntryResolver,
  CampaignExclusionResolver,
  AuditResolver,
  RecipientsResolver,
  DisclosuresResolver,
  PrivacyRequestsResolver,
  OutboxResolver,
  AddressUpdatesResolver,
  CustomerUpdateProhibitionResolver,
  RegisterConfigResolver,
  RetentionScheduleResolver,
  PrivacyNoticeResolver,
  WebEventsResolver,
  CustomerImportsResolver,
  HeldCustomerDuplicatesResolver,
  CustomerMergeResolver,
  CustomerMergedIntoResolver,
  PaperRecordsResolver,
  PrivacyRequestPaperRecordsResolver,
  CustomerNotesResolver,
];

const VALIDATION: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };
const validatable = (value: unknown): value is object => value !== null && typeof value === 'object';

/**
 * Every input object argument checked by its class-validator rules, as TypeGraphQL's `validate` option does it
 * (missing properties skipped, unknown values let through, each item of a list), with class-validator imported once:
 * TypeGraphQL's own check loads it again (a module lookup) for every argument of every request.
 */
const validateArguments: ValidatorFn = async (value) => {
  if (!validatable(value)) return;
  try {
    if (Array.isArray(value)) await Promise.all(value.filter(validatable).map((item) => validateOrReject(item, VALIDATION)));
    else await validateOrReject(value, VALIDATION);
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
};

export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validateFn: validateArguments,
  });
  refuseControlCharacters(schema);
  return guardFields(schema);
}
