import type { Role } from '@rekisteri/schema';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A personal account (P12): one person, one username, never shared. */
@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') username: string;
  @Column({ name: 'display_name', type: 'text' }) displayName: string;
  @Column({ name: 'password_hash', type: 'text', select: false }) passwordHash: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) roles: Role[];
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ name: 'partner_id', type: 'uuid', nullable: true }) partnerId: string | null;
  @Column({ name: 'must_change_password', type: 'boolean', default: true }) mustChangePassword: boolean;
  @Column({ name: 'confidentiality_accepted_version', type: 'text', nullable: true })
  confidentialityAcceptedVersion: string | null;
  @Column({ name: 'confidentiality_accepted_at', type: 'timestamptz', nullable: true })
  confidentialityAcceptedAt: Date | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
