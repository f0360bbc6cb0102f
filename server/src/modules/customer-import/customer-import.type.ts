import { MaxLength } from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLUUID } from '../../graphql/scalars';
import {
  CustomerImportOutcome,
  CustomerImportReason,
  CustomerImportSource,
  CustomerImportStatus,
  HeldDuplicateResolution,
  type CustomerImportCounts,
  type CustomerImportMapping,
  type CustomerImportRecord,
  type CustomerImportRowRecord,
  type CustomerImportValues,
  type ImportProblem,
} from './customer-import.model';

registerEnumType(CustomerImportOutcome, { name: 'CustomerImportOutcome', description: 'What became, or would become, of one row of a customer list (P7).' });
registerEnumType(CustomerImportReason, { name: 'CustomerImportReason', description: 'Why a row of a customer list has its outcome.' });
registerEnumType(CustomerImportStatus, { name: 'CustomerImportStatus' });
registerEnumType(CustomerImportSource, { name: 'CustomerImportSource', description: 'P7: where a customer list comes from (the provenance kind).' });
registerEnumType(HeldDuplicateResolution, { name: 'HeldDuplicateResolution' });

@ObjectType('CustomerImportCounts', { description: 'Rows by outcome: of the dry run, then as applied.' })
export class CustomerImportCountsType implements CustomerImportCounts {
  @Field(() => Int) NEW: number;
  @Field(() => Int) UPDATE: number;
  @Field(() => Int) UNCHANGED: number;
  @Field(() => Int) POSSIBLE_DUPLICATE: number;
  @Field(() => Int) REFUSED: number;
  @Field(() => Int) CONFLICT: number;
}

@ObjectType('CustomerImportMapping', { description: 'The header each customer field is read from (null: not in the file).' })
export class CustomerImportMappingType implements CustomerImportMapping {
  @Field(() => String, { nullable: true }) customerNumber: string | null;
  @Field(() => String, { nullable: true }) firstName: string | null;
  @Field(() => String, { nullable: true }) lastName: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) street: string | null;
  @Field(() => String, { nullable: true }) postalCode: string | null;
  @Field(() => String, { nullable: true }) city: string | null;
  @Field(() => String, { nullable: true }) country: string | null;
  @Field(() => String, { nullable: true }) language: string | null;
  @Field(() => String, { nullable: true }) organisation: string | null;
  @Field(() => String, { nullable: true }) businessId: string | null;
}

@InputType({ description: 'The header each field is read from; a field left out is recognised from its Finnish or English header, null: not imported.' })
export class CustomerImportMappingInput implements Partial<CustomerImportMapping> {
  @Field(() => String, { nullable: true }) @MaxLength(200) customerNumber?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) firstName?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) lastName?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) email?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) phone?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) street?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) postalCode?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) city?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) country?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) language?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) organisation?: string | null;
  @Field(() => String, { nullable: true }) @MaxLength(200) businessId?: string | null;
}

@ObjectType('CustomerImportError', { description: 'Why a file was refused; nothing of it was kept.' })
export class CustomerImportError implements ImportProblem {
  @Field() code: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() message: string;
  @Field(() => String, { nullable: true }) field: string | null;
  @Field(() => Int, { nullable: true }) line: number | null;
}

@ObjectType('CustomerImport', { description: 'A customer list of a store or reseller (P7): its dry run, its apply, their progress and counts.' })
export class CustomerImport implements CustomerImportRecord {
  @Field(() => ID) id: string;
  @Field() fileName: string;
  @Field(() => CustomerImportSource) sourceKind: CustomerImportSource;
  @Field({ description: 'The store or reseller: recorded as the source of every value taken.' }) sourceName: string;
  @Field(() => CustomerImportMappingType) mapping: CustomerImportMappingType;
  @Field(() => CustomerImportStatus) status: CustomerImportStatus;
  @Field(() => Int, { nullable: true }) totalBytes: number | null;
  @Field(() => Int) processedBytes: number;
  @Field(() => Int) rowsRead: number;
  @Field(() => Int, { description: 'Rows the apply has gone through, of rowsRead.' }) rowsApplied: number;
  @Field(() => CustomerImportCountsType) counts: CustomerImportCountsType;
  @Field(() => Int, { description: 'Possible duplicates held, not yet merged or created.' }) heldOpen: number;
  @Field(() => CustomerImportError, { nullable: true }) error: CustomerImportError | null;
  @Field(() => GraphQLDateTimeISO) createdAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) dryRunAt: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) appliedAt: Date | null;
  @Field({ description: 'Where to PUT the file (Content-Type text/csv; ?encoding=windows-1252 for such a file).' }) uploadPath: string;
}

@ObjectType('CustomerImportValues', { description: 'A row’s values as the file gave them, by the mapping.' })
export class CustomerImportValuesType implements CustomerImportValues {
  @Field(() => String, { nullable: true }) customerNumber: string | null;
  @Field(() => String, { nullable: true }) firstName: string | null;
  @Field(() => String, { nullable: true }) lastName: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) street: string | null;
  @Field(() => String, { nullable: true }) postalCode: string | null;
  @Field(() => String, { nullable: true }) city: string | null;
  @Field(() => String, { nullable: true }) country: string | null;
  @Field(() => String, { nullable: true }) language: string | null;
  @Field(() => String, { nullable: true }) organisation: string | null;
  @Field(() => String, { nullable: true }) businessId: string | null;
}

@ObjectType('CustomerImportRow', { description: 'One row of the outcome report.' })
export class CustomerImportRow implements CustomerImportRowRecord {
  @Field(() => Int) line: number;
  @Field(() => CustomerImportValuesType) values: CustomerImportValuesType;
  @Field(() => CustomerImportOutcome) outcome: CustomerImportOutcome;
  @Field(() => CustomerImportReason, { nullable: true }) reason: CustomerImportReason | null;
  @Field(() => String, { nullable: true, description: 'The column at fault.' }) field: string | null;
  @Field(() => String, { nullable: true, description: 'Why in words, the customer numbers involved, or the fields an update changes.' })
  detail: string | null;
  @Field(() => ID, { nullable: true }) customerId: string | null;
  @Field(() => [ID], { description: 'The customers this row may be (a possible duplicate).' }) duplicateIds: string[];
  @Field(() => CustomerImportOutcome) dryRunOutcome: CustomerImportOutcome;
  @Field({ description: 'Held as a possible duplicate for a person.' }) held: boolean;
  @Field(() => HeldDuplicateResolution, { nullable: true }) resolution: HeldDuplicateResolution | null;
}

@ObjectType('HeldCustomerDuplicate', { description: 'A row held as a possible duplicate, waiting for a person to merge it or create it as new.' })
export class HeldCustomerDuplicate extends CustomerImportRow {
  @Field(() => ID) importId: string;
  @Field() fileName: string;
  @Field(() => CustomerImportSource) sourceKind: CustomerImportSource;
  @Field() sourceName: string;
}

@InputType()
export class StartCustomerImportInput {
  @Field({ description: 'The file’s name; recorded with the source of every value taken.' }) @MaxLength(200) fileName: string;
  @Field(() => CustomerImportSource) sourceKind: CustomerImportSource;
  @Field({ description: 'The store or reseller the list comes from.' }) @MaxLength(200) sourceName: string;
  @Field(() => CustomerImportMappingInput, { nullable: true }) mapping?: CustomerImportMappingInput | null;
}

@InputType()
export class ResolveHeldDuplicateInput {
  @Field(() => GraphQLUUID) importId: string;
  @Field(() => Int) line: number;
  @Field(() => HeldDuplicateResolution) resolution: HeldDuplicateResolution;
  @Field(() => GraphQLUUID, { nullable: true, description: 'MERGED: the customer the row is merged into.' }) customerId?: string | null;
  @Field(() => Int, { nullable: true, description: 'MERGED: the version of that customer as compared.' }) version?: number | null;
  @Field(() => [String], { nullable: true, description: 'MERGED: the fields the customer takes from the file (default: those it has none of).' })
  fields?: string[] | null;
}
