import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { AuditResolver } from '../audit/audit.resolver';
import { authChecker } from '../auth/auth-checker';
import { AuthResolver } from '../auth/auth.resolver';
import { guardFields } from '../auth/field-guard';
import { CampaignsResolver, TargetListEntryResolver, TargetListResolver } from '../modules/campaigns/campaigns.resolver';
import { CustomerConnectionResolver, CustomersResolver } from '../modules/customers/customers.resolver';
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
import { refuseControlCharacters } from './text-input';

export const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  CustomersResolver,
  CustomerConnectionResolver,
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
