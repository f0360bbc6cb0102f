import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, InputType, ObjectType } from 'type-graphql';
import { TransferSafeguard, type SubProcessor as SubProcessorModel } from './disclosure.model';

/**
 * P9: the GraphQL shape of a processor's terms (agreement, sub-processors, transfer safeguard), shared by the
 * recipients registry and the partner firms. Imports nothing of other modules' types, so both can use it.
 */

@ObjectType('SubProcessor', { description: "A processor's own processor (GDPR 28(2))." })
export class SubProcessor implements SubProcessorModel {
  @Field(() => String) name: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2.' }) country: string;
  @Field(() => String, { description: 'What it does with the data.' }) activity: string;
}

@InputType()
export class SubProcessorInput implements SubProcessorModel {
  @Field() @MaxLength(200) name: string;
  @Field({ description: 'ISO 3166-1 alpha-2.' }) country: string;
  @Field() @MaxLength(500) activity: string;
}

/** P9: the processor terms shared by a recipient's input and a partner firm's. */
@InputType({ description: "P9: a processor's agreement, sub-processors and transfer safeguard." })
export class ProcessorTermsInput {
  @Field({ description: 'ISO 3166-1 alpha-2.' }) country: string;
  @Field(() => TransferSafeguard, { nullable: true }) @IsOptional() safeguard?: TransferSafeguard | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) necessity?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The date of the data processing agreement.' })
  @IsOptional()
  agreementDate?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) agreementReference?: string | null;
  @Field(() => [SubProcessorInput], { nullable: true }) @IsOptional() @ArrayMaxSize(50) @ValidateNested() subProcessors?: SubProcessorInput[] | null;
  @Field(() => Boolean, { nullable: true, description: 'A US organisation certified under the EU-US Data Privacy Framework.' })
  @IsOptional()
  dpfCertified?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Standard contractual clauses: their version, e.g. 2021/914.' })
  @IsOptional()
  @MaxLength(20)
  sccVersion?: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Standard contractual clauses: the date signed.' })
  @IsOptional()
  sccSignedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Binding corporate rules: the approval reference.' })
  @IsOptional()
  @MaxLength(200)
  bcrReference?: string | null;
}
