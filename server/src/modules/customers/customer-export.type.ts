import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLUUID } from '../../graphql/scalars';
import { ExportLanguage } from '../campaigns/campaign.type';
import { EXPORT_MAX_SELECTED, type CustomerExportFile, type ExportField } from './customer-export';
import { CustomerFilter } from './customer.inputs';
import { CustomerOrder } from './customer.type';

@InputType({ description: 'The customer list to export: its search and filter, or the rows selected on it.' })
export class CustomerExportInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) search?: string | null;
  @Field(() => CustomerFilter, { nullable: true }) filter?: CustomerFilter | null;
  @Field(() => [GraphQLUUID], { nullable: true, description: `The selected rows (at most ${EXPORT_MAX_SELECTED}): the file holds these and no others.` })
  @IsOptional()
  @ArrayMaxSize(EXPORT_MAX_SELECTED)
  customerIds?: string[] | null;
  @Field(() => CustomerOrder, { defaultValue: CustomerOrder.CUSTOMER_NUMBER }) orderBy: CustomerOrder;
  @Field(() => ExportLanguage, { defaultValue: ExportLanguage.FI, description: 'Headers and separator: FI (;) or EN (,); UTF-8 with a BOM.' })
  language: ExportLanguage;
}

@ObjectType({ description: 'A CSV of the customer list: only the fields you may read, audited with its row count and fields.' })
export class CustomerExport implements Omit<CustomerExportFile, 'fields'> {
  @Field() filename: string;
  @Field({ description: 'The file, starting with a UTF-8 byte-order mark; cells that a spreadsheet would take for a formula start with an apostrophe.' })
  content: string;
  @Field(() => Int) rowCount: number;
  @Field(() => [String], { description: 'The fields of the file, in column order (permission-table names).' }) fields: ExportField[];
  @Field(() => Int, { description: 'Customers of the list left out because their processing is restricted (GDPR 18).' }) restrictedLeftOut: number;
  @Field() sha256: string;
}
