import { Field, ID, ObjectType } from 'type-graphql';
import type { Organisation as OrganisationModel } from './organisation.model';

@ObjectType('Organisation', { description: 'An organisation a customer represents (P6).' })
export class Organisation implements OrganisationModel {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true }) name: string;
  @Field(() => String, { nullable: true, description: 'Finnish business ID (Y-tunnus), e.g. 1234567-8.' })
  businessId: string | null;
}
