import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
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

export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
  });
  refuseControlCharacters(schema);
  return guardFields(schema);
}
