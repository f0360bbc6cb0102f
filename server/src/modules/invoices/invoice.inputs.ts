import { IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { GraphQLUUID } from '../../graphql/scalars';
import type { InvoiceChanges, NewInvoice } from './invoice.model';
import { InvoiceStatus } from './invoice.type';

@InputType()
export class CreateInvoiceInput implements NewInvoice {
  @Field(() => GraphQLUUID) orderId: string;
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Defaults to today on the company's calendar (TIME_ZONE)." }) issuedAt?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Defaults to 14 days after issue.' }) dueAt?: string | null;
}

/** Field names are the permission table's. */
@InputType()
export class UpdateInvoiceInput implements InvoiceChanges {
  @Field(() => InvoiceStatus, { nullable: true }) status?: InvoiceStatus | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) dueAt?: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Defaults to now when the status becomes PAID.' }) paidAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Required when the status becomes IN_COLLECTION.' })
  @IsOptional()
  @MaxLength(200)
  collectionAgency?: string | null;
}
