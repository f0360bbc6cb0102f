import type { Role as RoleName } from '@rekisteri/schema';
import { Field, InputType } from 'type-graphql';
import { GraphQLUUID } from '../../graphql/scalars';
import type { NewAccount } from './user.model';
import { Role } from './user.type';

/**
 * A new account. The values are checked by the service after the gate, so a user who may not
 * create accounts is refused as such, whatever they send.
 */
@InputType()
export class CreateUserInput implements NewAccount {
  @Field({ description: 'Lower-case letters, digits, dot, dash or underscore; 2-64 characters.' }) username: string;
  @Field({ description: 'At most 100 characters.' }) displayName: string;
  @Field(() => [Role]) roles: RoleName[];
  @Field(() => GraphQLUUID, { nullable: true, description: 'Required with the PARTNER role, and only with it: the firm the person works for.' })
  partner?: string | null;
}
