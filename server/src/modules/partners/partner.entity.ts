import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** P4: a firm acting for the company, whose staff may serve some customers. */
@Entity('partners')
export class PartnerEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
