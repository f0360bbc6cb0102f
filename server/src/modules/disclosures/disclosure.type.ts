import { GraphQLDateTimeISO, GraphQLJSONObject, GraphQLLocalDate } from 'graphql-scalars';
import { ArrayMaxSize, ArrayMinSize, IsEmail, IsOptional, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLUUID } from '../../graphql/scalars';
import { ProcessorTermsInput, SubProcessor } from './processor-terms.type';
import { Customer } from '../customers/customer.type';
import {
  DisclosureBasis,
  RecipientKind,
  RecipientLanguage,
  TransferSafeguard,
  type Disclosure as DisclosureModel,
  type DisclosureInstruction,
  type DisclosureResult as DisclosureResultModel,
  type Recipient as RecipientModel,
  type RecipientDetails,
} from './disclosure.model';

export { DisclosureBasis, RecipientKind, RecipientLanguage, TransferSafeguard };
export { ProcessorTermsInput, SubProcessor };

registerEnumType(RecipientKind, { name: 'RecipientKind' });
registerEnumType(DisclosureBasis, { name: 'DisclosureBasis' });
registerEnumType(TransferSafeguard, { name: 'TransferSafeguard' });
registerEnumType(RecipientLanguage, { name: 'RecipientLanguage', description: "The language a recipient's notices are written in (GDPR 19)." });

@ObjectType('Recipient', { description: 'Someone customer data may be disclosed or transferred to (P8, P9).' })
export class Recipient implements RecipientModel {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true }) name: string;
  @Field(() => RecipientKind, { nullable: true }) kind: RecipientKind;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' }) country: string;
  @Field(() => Boolean, { nullable: true, description: 'Whether the country is in the EU/EEA (P9).' }) inEea: boolean;
  @Field(() => [DisclosureBasis], { nullable: true, description: 'The bases it may receive data on.' }) bases: DisclosureBasis[];
  @Field(() => TransferSafeguard, { nullable: true, description: 'Outside the EU/EEA: the safeguard of the transfer.' })
  safeguard: TransferSafeguard | null;
  @Field(() => String, { nullable: true, description: 'Outside the EU/EEA: why the transfer is necessary.' })
  necessity: string | null;
  @Field(() => Boolean, { nullable: true }) active: boolean;
  @Field(() => RecipientLanguage, { nullable: true, description: 'GDPR 19: the language its notices are written in (Finnish when none).' })
  language: RecipientLanguage | null;
  @Field(() => String, { nullable: true, description: 'GDPR 19: where its notices are e-mailed; without one they are printed and posted.' })
  contactEmail: string | null;
  @Field(() => String, { nullable: true, description: 'GDPR 19: the postal address its printed notices go to, one line per line.' })
  postalAddress: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'GDPR 28: the date of the data processing agreement.' })
  agreementDate: string | null;
  @Field(() => String, { nullable: true, description: "GDPR 28: the agreement's reference." }) agreementReference: string | null;
  @Field(() => [SubProcessor], { nullable: true, description: 'GDPR 28(2): the processors it engages.' }) subProcessors: SubProcessor[];
  @Field(() => [String], { nullable: true, description: 'The customer fields it processes, by their GraphQL names.' }) dataFields: string[];
  @Field(() => Boolean, { nullable: true, description: 'P9: certified under the EU-US Data Privacy Framework.' }) dpfCertified: boolean;
  @Field(() => String, { nullable: true, description: 'P9: the version of the standard contractual clauses, e.g. 2021/914.' })
  sccVersion: string | null;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'P9: the date the standard contractual clauses were signed.' })
  sccSignedOn: string | null;
  @Field(() => String, { nullable: true, description: 'P9: the approval reference of the binding corporate rules.' }) bcrReference: string | null;
  @Field(() => ID, { nullable: true, description: 'P4: the partner firm this processor row belongs to.' }) partnerId: string | null;
  @Field(() => Int, { nullable: true }) version: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) updatedAt: Date;
}

@InputType()
export class RecipientInput extends ProcessorTermsInput implements RecipientDetails {
  @Field() @MaxLength(200) name: string;
  @Field(() => RecipientKind) kind: RecipientKind;
  @Field(() => [DisclosureBasis]) @ArrayMinSize(1) bases: DisclosureBasis[];
  @Field(() => [String], { nullable: true, description: 'The customer fields it processes, by their GraphQL names.' })
  @IsOptional()
  @ArrayMaxSize(50)
  dataFields?: string[] | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) @IsOptional() active?: boolean;
  @Field(() => RecipientLanguage, { nullable: true, description: 'The language its notices are written in.' })
  @IsOptional()
  language?: RecipientLanguage | null;
  @Field(() => String, { nullable: true, description: 'Where its notices are e-mailed; kept lower-case.' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'is not a valid email address' })
  contactEmail?: string | null;
  @Field(() => String, { nullable: true, description: 'The postal address of its printed notices, one line per line.' })
  @IsOptional()
  @MaxLength(500)
  postalAddress?: string | null;
}

@ObjectType('Disclosure', { description: 'One entry of the disclosure ledger (P8): field names, never values.' })
export class Disclosure implements DisclosureModel {
  @Field(() => ID, { nullable: true }) id: string;
  customerId: string;
  @Field(() => Customer, { nullable: true }) customer?: Customer | null;
  @Field(() => Recipient, { nullable: true }) recipient: Recipient;
  @Field(() => DisclosureBasis, { nullable: true }) basis: DisclosureBasis;
  @Field(() => [String], { nullable: true }) fields: string[];
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) disclosedAt: Date;
  @Field(() => String, { nullable: true, description: 'Username of who disclosed.' }) disclosedBy: string | null;
}

@InputType()
export class DiscloseInput implements DisclosureInstruction {
  @Field(() => GraphQLUUID) customerId: string;
  @Field(() => GraphQLUUID) recipientId: string;
  @Field(() => DisclosureBasis) basis: DisclosureBasis;
  @Field(() => [String], { description: 'Customer fields to disclose, by their GraphQL names.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  fields: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(2000) note?: string | null;
}

@ObjectType()
export class DisclosureResult implements DisclosureResultModel {
  @Field(() => Disclosure) disclosure: Disclosure;
  @Field(() => GraphQLJSONObject, { description: 'The disclosed data: exactly the fields named, nothing else.' })
  data: Record<string, unknown>;
}
