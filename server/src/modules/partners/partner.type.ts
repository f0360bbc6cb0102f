import { Field, ID, ObjectType } from 'type-graphql';
import type { Partner as PartnerModel } from './partner.model';

/** Guarded type: every field nullable, a denied one resolves to null with FORBIDDEN. */
@ObjectType('Partner', { description: 'A firm acting for the company (P4).' })
export class Partner implements PartnerModel {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true }) name: string;
}
