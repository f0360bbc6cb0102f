import { Field, ID, ObjectType } from 'type-graphql';

/** Guarded type: every field nullable, a denied one resolves to null with FORBIDDEN. */
@ObjectType('Partner', { description: 'A firm acting for the company (P4).' })
export class Partner {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true }) name: string;
}
