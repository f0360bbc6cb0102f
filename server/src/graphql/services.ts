import type { DataSource } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { AuthService } from '../auth/auth.service';
import type { Config } from '../config';
import { CustomersService } from '../modules/customers/customers.service';
import { UsersService } from '../modules/users/users.service';

/** The services of one server process. They hold no request state: the caller is always an argument. */
export function createServices(db: DataSource, config: Config) {
  const users = new UsersService(db);
  return {
    users,
    auth: new AuthService(db, config, users),
    customers: new CustomersService(db),
    auditLog: new AuditLogService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
