import type { DataSource } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { AuthService } from '../auth/auth.service';
import { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../logger';
import { CampaignsService } from '../modules/campaigns/campaigns.service';
import { TargetListExportsService } from '../modules/campaigns/target-list-exports.service';
import type { Config } from '../config';
import { CustomersService } from '../modules/customers/customers.service';
import { InvoicesService } from '../modules/invoices/invoices.service';
import { OrdersService } from '../modules/orders/orders.service';
import { OptOutListsService } from '../modules/prohibitions/opt-out-lists.service';
import { ProhibitionsService } from '../modules/prohibitions/prohibitions.service';
import { Suppression } from '../modules/prohibitions/suppression';
import { ProvenanceService } from '../modules/provenance/provenance.service';
import { StatisticsService } from '../modules/statistics/statistics.service';
import { UsersService } from '../modules/users/users.service';

/** The services of one server process. They hold no request state: the caller is always an argument. */
export function createServices(db: DataSource, config: Config, suppressionSecret: string, logger: Logger) {
  const queue = new JobQueue(db, logger);
  const users = new UsersService(db);
  const provenance = new ProvenanceService(db);
  const orders = new OrdersService(db, config.archiveAfterMonths);
  const suppression = new Suppression(suppressionSecret);
  const customers = new CustomersService(db, provenance, suppression);
  return {
    users,
    auth: new AuthService(db, config, users),
    provenance,
    customers,
    suppression,
    prohibitions: new ProhibitionsService(db, customers),
    optOutLists: new OptOutListsService(db),
    queue,
    campaigns: new CampaignsService(db, queue, logger),
    targetListExports: new TargetListExportsService(db),
    orders,
    invoices: new InvoicesService(db, orders),
    statistics: new StatisticsService(db),
    auditLog: new AuditLogService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
