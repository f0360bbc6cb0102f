import { IsEmail, IsISO31661Alpha2, IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { GraphQLUUID } from '../../graphql/scalars';
import { DataSource } from '../provenance/provenance.type';
import type { CustomerChanges, CustomerFilter as CustomerFilterModel, NewCustomer, OrganisationEntry } from './customer.model';
import { Language } from './customer.type';

@InputType()
export class OrganisationInput implements OrganisationEntry {
  @Field() @MaxLength(200) name: string;
  @Field(() => String, { nullable: true, description: 'Finnish business ID (Y-tunnus), checked by its check digit.' })
  businessId?: string | null;
}

/**
 * Field names are the permission table's field names: a field the user may not set makes the
 * whole mutation fail with FORBIDDEN.
 */
@InputType()
export class CreateCustomerInput implements NewCustomer {
  @Field() @MaxLength(100) firstName: string;
  @Field() @MaxLength(100) lastName: string;
  @Field(() => OrganisationInput, { nullable: true }) organisation?: OrganisationInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail({}, { message: 'is not a valid email address' }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) street?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) city?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsISO31661Alpha2({ message: 'is not an ISO 3166 country code' }) country?: string | null;
  @Field(() => Language, { nullable: true }) language?: Language | null;
}

@InputType()
export class UpdateCustomerInput implements CustomerChanges {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) firstName?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) lastName?: string | null;
  @Field(() => OrganisationInput, { nullable: true }) organisation?: OrganisationInput | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsEmail({}, { message: 'is not a valid email address' }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) street?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) city?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsISO31661Alpha2({ message: 'is not an ISO 3166 country code' }) country?: string | null;
  @Field(() => Language, { nullable: true }) language?: Language | null;
  @Field(() => GraphQLUUID, { nullable: true, description: 'The partner firm serving the customer (P4).' }) partner?: string | null;
}

@InputType()
export class CustomerFilter implements CustomerFilterModel {
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true, description: 'Postal codes starting with this.' }) postalCodePrefix?: string | null;
  @Field(() => Language, { nullable: true }) language?: Language | null;
  @Field(() => GraphQLUUID, { nullable: true }) organisationId?: string | null;
  @Field(() => DataSource, { nullable: true, description: 'Where the record began (P7).' }) source?: DataSource | null;
}
