import { MaxLength } from 'class-validator';
import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NoticeVia } from '../prohibitions/prohibition.model';
import {
  AddressUpdateImportStatus,
  AddressUpdateOutcome,
  AddressUpdateReason,
  UpdateProhibitionSource,
  type AddressUpdateCounts,
  type AddressUpdateImportRecord,
  type AddressUpdateRowRecord,
  type ImportProblem,
  type UpdateProhibitionEvent,
  type UpdateProhibitionRecord,
} from './address-update.model';
import type { UpdateProhibitionNotice } from './update-prohibitions.service';

registerEnumType(AddressUpdateOutcome, {
  name: 'AddressUpdateOutcome',
  description: 'What became, or would become, of one row of an address-update file (P7).',
});
registerEnumType(AddressUpdateReason, { name: 'AddressUpdateReason', description: 'Why a row of an address-update file has its outcome.' });
registerEnumType(AddressUpdateImportStatus, { name: 'AddressUpdateImportStatus' });
registerEnumType(UpdateProhibitionSource, { name: 'UpdateProhibitionSource', description: 'Who told us of an update prohibition.' });

@ObjectType('AddressUpdateCounts', { description: 'Rows by outcome: of the dry run, then as applied.' })
export class AddressUpdateCountsType implements AddressUpdateCounts {
  @Field(() => Int) UPDATE: number;
  @Field(() => Int) UNCHANGED: number;
  @Field(() => Int) NOT_FOUND: number;
  @Field(() => Int) AMBIGUOUS: number;
  @Field(() => Int) BLOCKED: number;
  @Field(() => Int) INVALID: number;
  @Field(() => Int) CONFLICT: number;
}

@ObjectType('AddressUpdateImportError', { description: 'Why a file was refused; nothing of it was kept.' })
export class AddressUpdateImportError implements ImportProblem {
  @Field() code: string;
  @Field(() => String, {
    nullable: true,
    description: 'INVALID_ENCODING, MALFORMED_CSV, MISSING_COLUMNS, EMPTY, NO_ROWS, TOO_MANY_ROWS, TOO_LARGE, LINE_TOO_LONG, ABORTED, ABANDONED.',
  })
  reason: string | null;
  @Field() message: string;
  @Field(() => String, { nullable: true }) field: string | null;
  @Field(() => Int, { nullable: true }) line: number | null;
}

@ObjectType('AddressUpdateImport', { description: 'A file of an address-update service (P7): its dry run, its apply, their progress and counts.' })
export class AddressUpdateImport implements AddressUpdateImportRecord {
  @Field(() => ID) id: string;
  @Field() fileName: string;
  @Field(() => GraphQLLocalDate, { description: 'The date the service delivered the file.' }) fileDate: string;
  @Field(() => AddressUpdateImportStatus) status: AddressUpdateImportStatus;
  @Field(() => Int, { nullable: true }) totalBytes: number | null;
  @Field(() => Int) processedBytes: number;
  @Field(() => Int) rowsRead: number;
  @Field(() => Int, { description: 'Rows the apply acts on: the UPDATE rows and the update prohibitions the file carries.' }) rowsToApply: number;
  @Field(() => Int) rowsApplied: number;
  @Field(() => AddressUpdateCountsType) counts: AddressUpdateCountsType;
  @Field(() => AddressUpdateImportError, { nullable: true }) error: AddressUpdateImportError | null;
  @Field(() => GraphQLDateTimeISO) createdAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) dryRunAt: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) appliedAt: Date | null;
  @Field({ description: 'Where to PUT the file (Content-Type text/csv; ?encoding=windows-1252 for such a file).' }) uploadPath: string;
  @Field({ description: 'Where to GET the outcome report as CSV (?lang=fi or en).' }) reportPath: string;
}

@ObjectType('AddressUpdateRow', { description: 'One row of the outcome report: the file’s values, what became of them, and the customer matched.' })
export class AddressUpdateRow implements AddressUpdateRowRecord {
  @Field(() => Int) line: number;
  @Field(() => AddressUpdateOutcome) outcome: AddressUpdateOutcome;
  @Field(() => AddressUpdateReason, { nullable: true }) reason: AddressUpdateReason | null;
  @Field(() => String, { nullable: true, description: 'The customer numbers involved, or the column at fault.' }) detail: string | null;
  @Field(() => ID, { nullable: true }) customerId: string | null;
  @Field(() => AddressUpdateOutcome) dryRunOutcome: AddressUpdateOutcome;
  @Field(() => String, { nullable: true }) customerNumber: string | null;
  @Field(() => String, { nullable: true }) firstName: string | null;
  @Field(() => String, { nullable: true }) lastName: string | null;
  @Field(() => String, { nullable: true }) oldStreet: string | null;
  @Field(() => String, { nullable: true }) oldPostalCode: string | null;
  @Field(() => String, { nullable: true }) oldCity: string | null;
  @Field(() => String, { nullable: true }) newStreet: string | null;
  @Field(() => String, { nullable: true }) newPostalCode: string | null;
  @Field(() => String, { nullable: true }) newCity: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) movedOn: string | null;
  @Field() updateProhibition: boolean;
}

@InputType()
export class StartAddressUpdateImportInput {
  @Field({ description: 'The file’s name as the service delivered it; recorded as the source of every change.' }) @MaxLength(200) fileName: string;
  @Field(() => GraphQLLocalDate, { description: 'The date of the file.' }) fileDate: string;
}

@ObjectType('UpdateProhibition', {
  description: 'The customer’s update prohibition (asiakasrekisterin päivityskielto, P7): no address update from an update service.',
})
export class UpdateProhibition implements UpdateProhibitionRecord {
  @Field(() => GraphQLDateTimeISO) since: Date;
  @Field(() => UpdateProhibitionSource) source: UpdateProhibitionSource;
  @Field(() => String, { nullable: true, description: 'How the customer told us (CUSTOMER_NOTICE).' }) via: string | null;
  @Field(() => String, { nullable: true, description: 'The file that carried the flag (ADDRESS_UPDATE_SERVICE).' }) detail: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => String, { nullable: true }) recordedBy: string | null;
}

@ObjectType('UpdateProhibitionEvent')
export class UpdateProhibitionEventType extends UpdateProhibition implements UpdateProhibitionEvent {
  @Field(() => String) action: 'SET' | 'LIFT';
}

@InputType()
export class UpdateProhibitionInput implements UpdateProhibitionNotice {
  @Field(() => NoticeVia, { description: "How the customer's notice came in." }) via: NoticeVia;
  @Field(() => String, { nullable: true }) @MaxLength(1000) note?: string | null;
}
