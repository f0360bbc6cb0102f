import pg from 'pg';
import { DataSource } from 'typeorm';
import { AuditEventEntity } from '../audit/audit-event.entity';
import { SessionEntity } from '../auth/session.entity';
import { CustomerEntity } from '../modules/customers/customer.entity';
import { OrganisationEntity } from '../modules/organisations/organisation.entity';
import { PartnerEntity } from '../modules/partners/partner.entity';
import { UserEntity } from '../modules/users/user.entity';
import { migrations } from './migrations';

// A SQL `date` is a calendar day, not an instant: read it as 'YYYY-MM-DD' text. Turned into a JS Date it
// becomes local midnight, and a server east of UTC would move every retention date a day back.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export const entities = [UserEntity, SessionEntity, PartnerEntity, OrganisationEntity, CustomerEntity, AuditEventEntity];

export function createDataSource(url: string, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    poolSize,
    extra: { max: poolSize, application_name: 'rekisteri' },
  });
}
