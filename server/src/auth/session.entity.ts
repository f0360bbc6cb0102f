import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A login session. The id is the SHA-256 of the cookie's token, so a database leak yields no usable cookie. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn('text') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'last_seen_at', type: 'timestamptz' }) lastSeenAt: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
}
