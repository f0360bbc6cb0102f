import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/connection';
import { GraphQLUUID } from '../../graphql/scalars';
import { type CustomerNote as CustomerNoteModel, CustomerNoteKind, NoteChannel, TimelineItemKind } from './customer-note.model';

registerEnumType(CustomerNoteKind, { name: 'CustomerNoteKind', description: 'A note, or a contact with the customer (issue 16).' });
registerEnumType(NoteChannel, { name: 'NoteChannel', description: 'How a contact with the customer was made.' });
registerEnumType(TimelineItemKind, { name: 'TimelineItemKind', description: 'What an entry of a customer’s timeline is about.' });

@ObjectType({ description: 'A note or a contact on a customer, written by staff (personal data: P14, P17).' })
export class CustomerNote implements Omit<CustomerNoteModel, 'authorId'> {
  @Field(() => ID) id: string;
  @Field(() => GraphQLUUID) customerId: string;
  @Field(() => CustomerNoteKind) kind: CustomerNoteKind;
  @Field(() => NoteChannel, { nullable: true }) channel: NoteChannel | null;
  @Field() text: string;
  @Field() authorName: string;
  @Field({ description: 'The caller wrote it, and so may change or delete it.' }) mine: boolean;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Int) version: number;
}

@ObjectType({ description: 'One entry of a customer’s timeline: only of what the caller may read.' })
export class TimelineItem {
  @Field() at: Date;
  @Field(() => TimelineItemKind) kind: TimelineItemKind;
  @Field({ description: 'A note’s text (shortened), or the number of the order, invoice or request, or the prohibition’s kind.' })
  summary: string;
  @Field(() => String, { nullable: true, description: 'A code: a contact’s channel, a status, a request type, a prohibition’s channel.' })
  detail: string | null;
  @Field(() => String, { nullable: true, description: 'A note’s author, an amount in cents, a request’s status, how a prohibition came.' })
  extra: string | null;
  @Field(() => ID, { description: 'The id of the note, order, invoice or request; a prohibition event’s number.' }) linkId: string;
  @Field(() => CustomerNote, { nullable: true }) note: CustomerNote | null;
}

@ObjectType()
export class TimelineEdge {
  @Field() cursor: string;
  @Field(() => TimelineItem) node: TimelineItem;
}

@ObjectType()
export class TimelineConnection {
  @Field(() => [TimelineEdge]) edges: TimelineEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@InputType()
export class AddCustomerNoteInput {
  @Field(() => GraphQLUUID) customerId: string;
  @Field(() => CustomerNoteKind) kind: CustomerNoteKind;
  @Field(() => NoteChannel, { nullable: true }) channel?: NoteChannel | null;
  @Field() text: string;
}
