import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { requireRight, visibleWhere } from '../../auth/authorize';
import { Where } from '../../db/sql';
import { listPartners, type PartnerRow } from './partners.repository';

/** P4: the firms acting for the company. Each sees only itself; admins and privacy officers see all. */
export class PartnersService {
  constructor(private readonly db: DataSource) {}

  list(actor: Actor): Promise<PartnerRow[]> {
    requireRight(actor, 'read', 'Partner', 'You may not read partner firms.');
    const where = new Where();
    where.and(visibleWhere(actor, 'Partner', where, 'p'));
    return listPartners(this.db, where);
  }
}
