import { IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { COUNT_CAP, PageInfo } from '../../graphql/connection';
import { GraphQLUUID } from '../../graphql/scalars';
import { StaffMember } from '../requests/request.type';
import {
  DestructionMethod,
  PaperRecordKind,
  PaperRecordState,
  type PaperDestruction,
  type PaperRecord as PaperRecordModel,
  type PaperRecordInput,
} from './paper-record.model';

registerEnumType(PaperRecordKind, { name: 'PaperRecordKind', description: 'P11: what a piece of paper material is.' });
registerEnumType(DestructionMethod, { name: 'DestructionMethod', description: 'How a piece of paper was destroyed, or that it was handed back.' });
registerEnumType(PaperRecordState, {
  name: 'PaperRecordState',
  description: 'DUE: not destroyed and to be destroyed within 30 days or overdue; HELD: not destroyed; DESTROYED; ALL.',
});

@ObjectType({ description: 'The customer a paper is about: its number only; the customer page shows the rest.' })
export class PaperRecordCustomer {
  @Field(() => GraphQLUUID) id: string;
  @Field() customerNumber: string;
}

@ObjectType({ description: 'The data-subject request a paper is the original of.' })
export class PaperRecordRequest {
  @Field(() => GraphQLUUID) id: string;
  @Field() requestNumber: string;
}

@ObjectType('PaperRecord', { description: 'P11: a piece of manual material, where it is locked away, and its destruction.' })
export class PaperRecord {
  @Field(() => GraphQLUUID) id: string;
  @Field(() => PaperRecordKind) kind: PaperRecordKind;
  @Field() description: string;
  @Field({ description: 'The locked storage it is kept in after first processing.' }) location: string;
  @Field(() => StaffMember, { description: 'Designated staff who keep it.' }) custodian: StaffMember;
  @Field(() => PaperRecordCustomer, { nullable: true }) customer: PaperRecordCustomer | null;
  @Field(() => PaperRecordRequest, { nullable: true }) request: PaperRecordRequest | null;
  @Field(() => GraphQLLocalDate) receivedOn: string;
  @Field(() => GraphQLLocalDate, { description: 'The last day it may be kept.' }) destroyBy: string;
  @Field({ description: 'Past its destroy-by date and not destroyed.' }) overdue: boolean;
  @Field() destroyed: boolean;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) destroyedAt: Date | null;
  @Field(() => StaffMember, { nullable: true }) destroyedBy: StaffMember | null;
  @Field(() => DestructionMethod, { nullable: true }) destructionMethod: DestructionMethod | null;
  @Field(() => String, { nullable: true }) destructionNote: string | null;
  @Field(() => GraphQLDateTimeISO) recordedAt: Date;
  @Field(() => StaffMember) recordedBy: StaffMember;
  @Field(() => GraphQLDateTimeISO) updatedAt: Date;
  @Field(() => Int) version: number;

  static from(p: PaperRecordModel): PaperRecord {
    return Object.assign(new PaperRecord(), {
      ...p,
      customer: p.customerId ? { id: p.customerId, customerNumber: p.customerNumber ?? '' } : null,
      request: p.requestId ? { id: p.requestId, requestNumber: p.requestNumber ?? '' } : null,
    });
  }
}

@ObjectType()
export class PaperRecordEdge {
  @Field() cursor: string;
  @Field(() => PaperRecord) node: PaperRecord;
}

@ObjectType()
export class PaperRecordConnection {
  @Field(() => [PaperRecordEdge]) edges: PaperRecordEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: `Records under the filter, exact up to ${COUNT_CAP.toLocaleString('en')}; when totalCountCapped, more than this.` })
  totalCount: number;
  @Field() totalCountCapped: boolean;
}

@InputType()
export class PaperRecordInputType implements PaperRecordInput {
  @Field(() => PaperRecordKind) kind: PaperRecordKind;
  @Field() @MaxLength(1000) description: string;
  @Field({ description: 'The locked storage it is kept in.' }) @MaxLength(300) location: string;
  @Field(() => GraphQLUUID, { nullable: true, description: 'Designated staff; the recorder when not given.' })
  @IsOptional()
  custodianId?: string | null;
  @Field(() => String, { nullable: true, description: 'The customer number, when the paper is about a customer.' })
  @IsOptional()
  @MaxLength(20)
  customerNumber?: string | null;
  @Field(() => String, { nullable: true, description: "The request number, when it is a request's paper original." })
  @IsOptional()
  @MaxLength(20)
  requestNumber?: string | null;
  @Field(() => GraphQLLocalDate) receivedOn: string;
  @Field(() => GraphQLLocalDate) destroyBy: string;
}

@InputType()
export class PaperRecordChangesInput implements Partial<PaperRecordInput> {
  @Field(() => PaperRecordKind, { nullable: true }) @IsOptional() kind?: PaperRecordKind;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) description?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(300) location?: string;
  @Field(() => GraphQLUUID, { nullable: true }) @IsOptional() custodianId?: string | null;
  @Field(() => String, { nullable: true, description: 'Empty or null unlinks the customer.' })
  @IsOptional()
  @MaxLength(20)
  customerNumber?: string | null;
  @Field(() => String, { nullable: true, description: 'Empty or null unlinks the request.' })
  @IsOptional()
  @MaxLength(20)
  requestNumber?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) @IsOptional() receivedOn?: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) @IsOptional() destroyBy?: string;
}

@InputType()
export class PaperDestructionInput implements PaperDestruction {
  @Field(() => DestructionMethod) method: DestructionMethod;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When it was destroyed; now when not given.' })
  @IsOptional()
  destroyedAt?: Date | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(1000) note?: string | null;
}
