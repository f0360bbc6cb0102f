import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Organisation', { description: 'An organisation a customer represents (P6).' })
export class Organisation {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true }) name: string;
  @Field(() => String, { nullable: true, description: 'Finnish business ID (Y-tunnus), e.g. 1234567-8.' })
  businessId: string | null;
}
