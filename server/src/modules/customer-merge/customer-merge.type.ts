import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLUUID } from '../../graphql/scalars';
import type { MergeRecordRow } from './customer-merge.repository';
import type { MergeCustomersInput as MergeInput } from './customer-merge.service';

@InputType()
export class MergeCustomersInput implements MergeInput {
  @Field(() => GraphQLUUID, { description: 'The record kept: the older customer number.' }) keepId: string;
  @Field(() => Int) keepVersion: number;
  @Field(() => GraphQLUUID, { description: 'The record merged into it (it stays, emptied, pointing to the kept one).' }) mergeId: string;
  @Field(() => Int) mergeVersion: number;
  @Field(() => [String], { nullable: true, description: 'Fields whose value comes from the merged record; the rest keep the kept record’s.' })
  takeFields?: string[] | null;
}

@ObjectType('CustomerMerge', { description: 'P6: a merge of two records of one person.' })
export class CustomerMerge implements MergeRecordRow {
  @Field(() => ID) keptId: string;
  @Field(() => ID) mergedId: string;
  @Field() keptNumber: string;
  @Field() mergedNumber: string;
  @Field(() => [String]) fields: string[];
  @Field(() => GraphQLDateTimeISO) mergedAt: Date;
  @Field(() => String, { nullable: true }) mergedBy: string | null;
}

@ObjectType('MergedCustomerRef', { description: 'P6: the customer a merged record was merged into: its id and number; the customer page shows the rest.' })
export class MergedCustomerRef {
  @Field(() => ID) id: string;
  @Field() customerNumber: string;
}
