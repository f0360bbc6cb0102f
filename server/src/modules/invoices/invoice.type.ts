import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/connection';
import { GraphQLCents } from '../../graphql/scalars';
import { InvoiceStatus, type Invoice as InvoiceModel } from './invoice.model';

export { InvoiceStatus };
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });

@ObjectType('Invoice', { description: 'An invoice drawn from an order (P1).', simpleResolvers: true })
export class Invoice implements InvoiceModel {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true }) invoiceNumber: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) issuedAt: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) dueAt: string;
  @Field(() => GraphQLCents, { nullable: true }) amountCents: number;
  @Field(() => InvoiceStatus, { nullable: true }) status: InvoiceStatus;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) paidAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The debt collection agency, while IN_COLLECTION.' }) collectionAgency: string | null;
  @Field(() => Int, { nullable: true }) version: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) updatedAt: Date;

  orderId: string;
  customerId: string;
}

@ObjectType({ simpleResolvers: true })
export class InvoiceEdge {
  @Field() cursor: string;
  @Field(() => Invoice) node: Invoice;
}

@ObjectType({ simpleResolvers: true })
export class InvoiceConnection {
  @Field(() => [InvoiceEdge]) edges: InvoiceEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}
