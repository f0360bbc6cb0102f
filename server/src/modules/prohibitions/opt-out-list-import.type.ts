import { MaxLength } from 'class-validator';
import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  ContactChannel,
  OptOutListImportStatus,
  SkipReason,
  type CsvEncoding,
  type ImportProblem,
  type OptOutListDetails,
  type OptOutListImportRecord,
  type SkippedLine,
} from './prohibition.model';
import { OptOutList } from './prohibition.type';

registerEnumType(SkipReason, { name: 'OptOutListSkipReason', description: 'Why a line of an opt-out list file was not taken.' });
registerEnumType(OptOutListImportStatus, { name: 'OptOutListImportStatus' });

@ObjectType('OptOutListSkippedLine', { description: 'A line of the file that was not taken: its number and why (never its values).' })
export class OptOutListSkippedLine implements SkippedLine {
  @Field(() => Int) line: number;
  @Field(() => SkipReason) reason: SkipReason;
  @Field(() => String, { nullable: true, description: 'The column at fault: name, street, postalCode or phone.' }) field: string | null;
}

@ObjectType('OptOutListImportError', { description: 'Why an import failed; the list in force stayed as it was.' })
export class OptOutListImportError implements ImportProblem {
  @Field() code: string;
  @Field(() => String, {
    nullable: true,
    description:
      'INVALID_ENCODING, MALFORMED_CSV, MISSING_COLUMNS, EMPTY, NO_VALID_ROWS, TOO_MANY_ROWS, TOO_LARGE, LINE_TOO_LONG, OLDER_THAN_IN_FORCE, ABORTED, ABANDONED.',
  })
  reason: string | null;
  @Field() message: string;
  @Field(() => String, { nullable: true }) field: string | null;
  @Field(() => Int, { nullable: true }) line: number | null;
}

@ObjectType('OptOutListImport', { description: 'An import of an opt-out list: its progress while the file is read, and its outcome.' })
export class OptOutListImport implements OptOutListImportRecord {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => ContactChannel, { nullable: true }) channel: ContactChannel | null;
  @Field(() => GraphQLLocalDate) validFrom: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) validUntil: string | null;
  @Field(() => OptOutListImportStatus) status: OptOutListImportStatus;
  @Field(() => String, { nullable: true, description: 'utf-8 or windows-1252, once the file has come.' }) encoding: CsvEncoding | null;
  @Field(() => Int, { nullable: true, description: 'The size the upload announced.' }) totalBytes: number | null;
  @Field(() => Int) processedBytes: number;
  @Field(() => Int) rowsRead: number;
  @Field(() => Int, { description: 'Rows taken onto the list.' }) rowCount: number;
  @Field(() => Int) skippedCount: number;
  @Field(() => [OptOutListSkippedLine], { description: 'The first skipped lines, in file order (at most 1000; skippedCount counts them all).' })
  skipped: OptOutListSkippedLine[];
  @Field(() => OptOutListImportError, { nullable: true }) error: OptOutListImportError | null;
  @Field(() => OptOutList, { nullable: true, description: 'The list in force, once the import has succeeded.' }) list: OptOutList | null;
  @Field(() => GraphQLDateTimeISO) createdAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) finishedAt: Date | null;

  @Field({ description: 'Where to PUT the file (Content-Type text/csv; ?encoding=windows-1252 for such a file).' }) uploadPath: string;

  listId: string | null;
}

@InputType()
export class StartOptOutListImportInput implements OptOutListDetails {
  @Field({ description: 'The register, e.g. "ASML puhelinmarkkinointi". Importing under the same name replaces the older list.' })
  @MaxLength(200)
  name: string;
  @Field(() => ContactChannel, { nullable: true, description: 'PHONE for a telemarketing list, POST for addressed mail; omitted: all channels.' })
  channel?: ContactChannel | null;
  @Field(() => GraphQLLocalDate) validFrom: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) validUntil?: string | null;
}
