import type { DataSource } from 'typeorm';
import { AuditLogService } from './audit/audit-log.service';
import { LogRetention } from './audit/log-retention';
import { RetentionSchedule } from './modules/retention-schedule/retention-schedule';
import { AuthService } from './auth/auth.service';
import { JobQueue } from './jobs/job-queue';
import type { Logger } from './logger';
import { CampaignsService } from './modules/campaigns/campaigns.service';
import { TargetListExportsService } from './modules/campaigns/target-list-exports.service';
import type { Config } from './config';
import { CustomersService } from './modules/customers/customers.service';
import { CustomerExports } from './modules/customers/customer-export';
import { InvoicesService } from './modules/invoices/invoices.service';
import { OrdersService } from './modules/orders/orders.service';
import { OptOutListsService } from './modules/prohibitions/opt-out-lists.service';
import { AddressUpdatesService } from './modules/address-updates/address-updates.service';
import { UpdateProhibitionsService } from './modules/address-updates/update-prohibitions.service';
import { ProhibitionsService } from './modules/prohibitions/prohibitions.service';
import { Suppression } from './modules/prohibitions/suppression';
import { ProvenanceService } from './modules/provenance/provenance.service';
import { PartnersService } from './modules/partners/partners.service';
import { StatisticsService } from './modules/statistics/statistics.service';
import { ComplianceService } from './modules/compliance/compliance.service';
import { ComplianceReportFile } from './modules/compliance/report-file';
import { UsersService } from './modules/users/users.service';
import { systemClock, type Clock } from './clock';
import { DisclosuresService } from './modules/disclosures/disclosures.service';
import { AccessPackages } from './modules/requests/access-package';
import { Deadlines } from './modules/requests/deadlines';
import { PrivacyDocuments } from './modules/requests/documents';
import { Erasures } from './modules/requests/erasure';
import { ErasurePlanner } from './modules/requests/erasure-plan';
import { Rectifications } from './modules/requests/rectification';
import { RequestsService } from './modules/requests/requests.service';
import { RequestQueue } from './modules/requests/request-queue';
import { RecipientNotices } from './modules/requests/recipient-notices';
import { RetainedVouchers } from './modules/requests/retained-vouchers';
import { Mailer } from './modules/outbox/mailer';
import { OutboxDelivery } from './modules/outbox/outbox-delivery';
import { OutboxService } from './modules/outbox/outbox.service';
import { RegisterConfigService } from './modules/register-config/register-config.service';
import { PrivacyNotices } from './modules/privacy-notice/privacy-notice.service';
import { WebEventsService } from './modules/web-events/web-events.service';
import { type CookieNoticeSection, cookieNoticeSection } from './modules/web-events/cookie-notice';
import { WebPageStatisticsService } from './modules/web-events/web-page-statistics';
import { CustomerImportsService } from './modules/customer-import/customer-imports.service';
import { CustomerMergeService } from './modules/customer-merge/customer-merge.service';
import { PaperRecordsService } from './modules/paper-records/paper-records.service';
import { CustomerNotesService } from './modules/customer-notes/customer-notes.service';

/**
 * The composition root: the services of one server process, wired once. They hold no request
 * state: the caller is always an argument.
 */
export function createServices(db: DataSource, config: Config, suppressionSecret: string, logger: Logger, clock: Clock = systemClock) {
  const queue = new JobQueue(db, logger, { works: config.role !== 'web', processName: config.processName });
  const users = new UsersService(db);
  // P18: the controller, contact, signer and retention periods; the purge jobs and the notice read the periods here.
  const registerConfig = new RegisterConfigService(db);
  const provenance = new ProvenanceService(db);
  const orders = new OrdersService(db, config.archiveAfterMonths, clock, config.vatRates);
  const suppression = new Suppression(suppressionSecret);
  const customers = new CustomersService(db, provenance, suppression);
  const invoices = new InvoicesService(db, orders, clock, config.timeZone);
  const deadlines = new Deadlines(config.timeZone, config.financialYearStartMonth);
  const privacyDocuments = new PrivacyDocuments(db, config.timeZone);
  const prohibitions = new ProhibitionsService(db, customers);
  // GDPR 19: recipients of the person's data are told of a rectification, erasure or restriction.
  const recipientNotices = new RecipientNotices(privacyDocuments);
  const requests = new RequestsService(db, clock, deadlines, customers, prohibitions, privacyDocuments, recipientNotices);
  const retainedVouchers = new RetainedVouchers(db, deadlines, clock, logger);
  // P14, P16, P17: every document of a request is delivered through the outbox, enqueued in the transaction that writes it.
  const mailer = config.mail ? new Mailer(config.mail.smtpUrl, config.mail.from) : null;
  const outboxDelivery = new OutboxDelivery(db, clock, requests, queue, mailer, config.outbox, logger);
  privacyDocuments.onStored((tx, documentId) => outboxDelivery.enqueue(tx, documentId));
  const erasures = new Erasures(
    db,
    requests,
    new ErasurePlanner(deadlines, clock),
    deadlines,
    suppression,
    privacyDocuments,
    recipientNotices,
    retainedVouchers,
    logger,
  );
  // P10: a held erasure may finish once an invoice is paid or leaves collection (the rule lives in the requests module).
  invoices.onStatusChange((customerId) => erasures.queueHeldErasure(queue, customerId));
  // P13: web events of the company's own site; the retention period is the register's configuration's.
  const webEvents = new WebEventsService(db, customers, clock, registerConfig, config.confidentialityVersion, logger);
  // P18: the privacy notice generated from the configuration, published in versions; its cookie section (P13) from
  // what the site intake does and the retention period in force.
  const privacyNotices = new PrivacyNotices(db);
  privacyNotices.useCookieSection(async (tx) => {
    const section = cookieNoticeSection({ retention: await registerConfig.retention(tx), sites: config.collect.allowedOrigins });
    const lines = (s: CookieNoticeSection) => [...s.paragraphs, ...s.collected.map((item) => `– ${item}`), ...s.categories.map((c) => c.text)];
    return { fi: lines(section.fi), en: lines(section.en) };
  });
  return {
    clock,
    registerConfig,
    privacyNotices,
    users,
    auth: new AuthService(db, config, users, clock),
    provenance,
    partners: new PartnersService(db, clock, config.confidentialityVersion),
    customers,
    customerExports: new CustomerExports(db, config.timeZone),
    suppression,
    prohibitions,
    optOutLists: new OptOutListsService(db),
    addressUpdates: new AddressUpdatesService(db),
    updateProhibitions: new UpdateProhibitionsService(db, customers),
    queue,
    campaigns: new CampaignsService(db, queue, logger, clock, config.timeZone),
    targetListExports: new TargetListExportsService(db, clock, config.timeZone),
    orders,
    invoices,
    disclosures: new DisclosuresService(db, customers),
    deadlines,
    privacyDocuments,
    requests,
    requestQueue: new RequestQueue(db, clock, deadlines, requests),
    accessPackages: new AccessPackages(requests, customers, privacyDocuments),
    rectifications: new Rectifications(db, requests, customers, privacyDocuments, recipientNotices),
    retainedVouchers,
    erasures,
    outboxDelivery,
    outbox: new OutboxService(db, clock, deadlines, outboxDelivery),
    statistics: new StatisticsService(db),
    webEvents,
    webPageStatistics: new WebPageStatisticsService(db, () => webEvents.keptSince()),
    compliance: new ComplianceService(new ComplianceReportFile(config.complianceReport)),
    auditLog: new AuditLogService(db),
    // Storage limitation: the audit trail and consultation log are purged after the configured periods.
    logRetention: new LogRetention(db, registerConfig, clock, logger),
    // P10: customers inactive for the configured period are proposed for erasure on a privacy officer's queue.
    retentionSchedule: new RetentionSchedule(db, registerConfig, clock, logger, requests),
    // P7, P6: customer lists of stores and resellers (applied by a job), and merging two records of one person.
    customerImports: new CustomerImportsService(db, customers, queue, logger),
    customerMerge: new CustomerMergeService(db, customers),
    // P11: the register of paper material, handled by designated staff only.
    paperRecords: new PaperRecordsService(db, clock, deadlines, config.confidentialityVersion),
    // Issue 16: notes and contacts on a customer, and the customer's timeline.
    customerNotes: new CustomerNotesService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
