import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { GraphQLUUID } from '../../graphql/scalars';
import type { RetentionProposal as RetentionProposalModel } from './retention-schedule';

/** No name or contact here: the customer's page shows those through the field guard, which logs the read (P12). */
@ObjectType('RetentionProposal', { description: 'P10: a customer inactive for the configured period, proposed for erasure.' })
export class RetentionProposal {
  @Field(() => GraphQLUUID) id: string;
  @Field(() => GraphQLUUID) customerId: string;
  @Field(() => String) customerNumber: string;
  @Field(() => GraphQLDateTimeISO) lastActivityAt: Date;
  @Field(() => GraphQLDateTimeISO) proposedAt: Date;
  @Field(() => String, { description: 'PROPOSED, KEPT or ACCEPTED.' }) status: string;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field(() => GraphQLUUID, { nullable: true, description: 'ACCEPTED: the erasure request it started.' }) requestId: string | null;
  @Field(() => Int) version: number;

  static from(p: RetentionProposalModel): RetentionProposal {
    return Object.assign(new RetentionProposal(), {
      id: p.id,
      customerId: p.customerId,
      customerNumber: p.customerNumber,
      lastActivityAt: p.lastActivityAt,
      proposedAt: p.proposedAt,
      status: p.status,
      decidedAt: p.decidedAt,
      reason: p.reason,
      requestId: p.requestId,
      version: p.version,
    });
  }
}

@ObjectType('RetentionProposalList')
export class RetentionProposalList {
  @Field(() => [RetentionProposal]) items: RetentionProposal[];
  @Field(() => Int, { description: 'Open proposals in all; the list shows the 500 longest inactive.' }) total: number;
}
