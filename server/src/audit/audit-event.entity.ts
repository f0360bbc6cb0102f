import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One row of the append-only audit trail (P12). The database refuses UPDATE and DELETE on it. */
@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz', insert: false }) at: Date;
  @Column('text') action: string;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ name: 'actor_username', type: 'text', nullable: true }) actorUsername: string | null;
  @Column({ name: 'customer_id', type: 'uuid', nullable: true }) customerId: string | null;
  @Column({ name: 'target_user_id', type: 'uuid', nullable: true }) targetUserId: string | null;
  @Column({ type: 'text', array: true, nullable: true }) fields: string[] | null;
  @Column({ type: 'jsonb', nullable: true }) changes: Record<string, unknown> | null;
  @Column({ type: 'text', nullable: true }) purpose: string | null;
  @Column({ type: 'jsonb', nullable: true }) detail: Record<string, unknown> | null;
}
