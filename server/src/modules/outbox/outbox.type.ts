import { IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/connection';
import { GraphQLUUID } from '../../graphql/scalars';
import { AddresseeKind, PrivacyDocumentKind, RequestLanguage } from '../requests/request.type';
import {
  DeliveryChannel,
  OutboxHoldReason,
  OutboxStatus,
  type ManualDelivery,
  type OutboxAttachment as OutboxAttachmentModel,
  type OutboxFilter as OutboxFilterModel,
  type OutboxMessage as OutboxMessageModel,
  type OutboxPage,
  type OutboxStatusCount as OutboxStatusCountModel,
} from './outbox.model';

export { DeliveryChannel, OutboxHoldReason, OutboxStatus };

registerEnumType(OutboxStatus, { name: 'OutboxStatus' });
registerEnumType(OutboxHoldReason, { name: 'OutboxHoldReason', description: 'Why a letter waits to be printed and sent by hand.' });
registerEnumType(DeliveryChannel, { name: 'DeliveryChannel' });

@ObjectType({ description: 'A document a letter carries; download it at /documents/:documentId.' })
export class OutboxAttachment implements OutboxAttachmentModel {
  @Field(() => GraphQLUUID) documentId: string;
  @Field() filename: string;
  @Field(() => PrivacyDocumentKind) kind: string;
}

@ObjectType({ description: 'P14, P16, P17: a letter or notice of a request on its way to its addressee.' })
export class OutboxMessage implements OutboxMessageModel {
  @Field(() => ID) id: string;
  @Field(() => GraphQLUUID) requestId: string;
  @Field() requestNumber: string;
  @Field(() => GraphQLUUID, { description: 'The printable document of the letter.' }) documentId: string;
  @Field(() => PrivacyDocumentKind) documentKind: string;
  @Field({ description: "The request's answer: the request counts as answered once this is sent." }) answer: boolean;
  @Field({ description: "The e-mail's subject, in the addressee's language." }) subject: string;
  @Field(() => RequestLanguage) language: string;
  @Field(() => AddresseeKind) addresseeKind: AddresseeKind;
  @Field() addresseeName: string;
  @Field(() => String, { nullable: true }) addresseeEmail: string | null;
  @Field(() => String, { nullable: true, description: 'Where a printed letter is posted.' }) addresseeAddress: string | null;
  @Field(() => [OutboxAttachment]) attachments: OutboxAttachment[];
  @Field(() => OutboxStatus) status: OutboxStatus;
  @Field(() => OutboxHoldReason, { nullable: true }) holdReason: OutboxHoldReason | null;
  @Field(() => DeliveryChannel, { nullable: true, description: 'How it went, once SENT.' }) channel: DeliveryChannel | null;
  @Field(() => Int, { description: 'Attempts to send it by e-mail so far.' }) attempts: number;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' }) lastError: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) lastAttemptAt: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) sentAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The address the e-mail went to.' }) sentTo: string | null;
  @Field(() => String, { nullable: true, description: "The mail server's message id." }) messageId: string | null;
  @Field(() => String, { nullable: true, description: 'Who marked it sent by hand.' }) sentBy: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => Int) version: number;
  @Field(() => GraphQLDateTimeISO) createdAt: Date;
  @Field(() => GraphQLDateTimeISO) updatedAt: Date;
  @Field(() => GraphQLLocalDate, { description: "The letter's day on the company's calendar: the earliest day it can be marked sent." })
  writtenOn: string;
  @Field(() => GraphQLLocalDate, { description: "Today on the company's calendar, when read: the latest day it can be marked sent." })
  latestSentOn: string;
}

@ObjectType()
export class OutboxMessageEdge {
  @Field() cursor: string;
  @Field(() => OutboxMessage) node: OutboxMessage;
}

@ObjectType()
export class OutboxStatusCount implements OutboxStatusCountModel {
  @Field(() => OutboxStatus) status: OutboxStatus;
  @Field(() => Int) count: number;
}

@ObjectType()
export class OutboxMessageConnection implements OutboxPage {
  @Field(() => [OutboxMessageEdge]) edges: OutboxMessageEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int) totalCount: number;
  @Field(() => [OutboxStatusCount], { description: 'Letters the reader may see by status, whatever the status filter.' }) counts: OutboxStatusCount[];
}

@InputType()
export class OutboxFilter implements OutboxFilterModel {
  @Field(() => [OutboxStatus], { nullable: true }) status?: OutboxStatus[] | null;
  @Field(() => AddresseeKind, { nullable: true }) addresseeKind?: AddresseeKind | null;
  @Field(() => GraphQLUUID, { nullable: true }) requestId?: string | null;
}

@InputType({ description: 'A letter printed and posted, or handed over.' })
export class ManualDeliveryInput implements ManualDelivery {
  @Field(() => GraphQLLocalDate, { description: 'The day it was sent; not in the future.' }) sentOn: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  note?: string | null;
}
