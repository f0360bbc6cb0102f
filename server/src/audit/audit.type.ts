import { GraphQLDateTimeISO, GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { PageInfo } from '../graphql/connection';
import { GraphQLUUID } from '../graphql/scalars';
import { Int } from 'type-graphql';
import type { AuditListEntry, AuditSearch } from './audit-log.service';

@ObjectType('AuditEvent', { description: 'One entry of the append-only audit trail (P12).', simpleResolvers: true })
export class AuditEvent implements AuditListEntry {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) at: Date;
  @Field(() => String, { nullable: true }) action: string;
  @Field(() => ID, { nullable: true }) actorId: string | null;
  @Field(() => String, { nullable: true }) actorUsername: string | null;
  @Field(() => ID, { nullable: true }) customerId: string | null;
  @Field(() => ID, { nullable: true }) targetUserId: string | null;
  @Field(() => [String], { nullable: true, description: 'The fields read or changed.' }) fields: string[] | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Per field: { before, after }.' }) changes: unknown;
  @Field(() => String, { nullable: true }) purpose: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) detail: unknown;
  @Field(() => Int, { nullable: true, description: 'A page read: how many customers it showed (one entry per page, not per customer).' })
  customerCount: number | null;
}

@ObjectType({ simpleResolvers: true })
export class AuditEventEdge {
  @Field() cursor: string;
  @Field(() => AuditEvent) node: AuditEvent;
}

@ObjectType({ simpleResolvers: true })
export class AuditEventConnection {
  @Field(() => [AuditEventEdge]) edges: AuditEventEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@InputType()
export class AuditEventFilter implements AuditSearch {
  @Field(() => String, { nullable: true }) action?: string | null;
  @Field(() => String, { nullable: true }) actorUsername?: string | null;
  @Field(() => GraphQLUUID, { nullable: true }) customerId?: string | null;
  @Field(() => String, { nullable: true, description: 'The start of the acting username.' }) actorUsernamePrefix?: string | null;
  @Field(() => String, { nullable: true, description: 'A customer number, or a name (first and last name starts, any order).' })
  customer?: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) from?: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) to?: Date | null;
}
