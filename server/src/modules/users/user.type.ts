import { ROLES, type Role as RoleName } from '@rekisteri/schema';
import { GraphQLDateTimeISO, GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Partner } from '../partners/partner.type';
import type { CreatedUser as CreatedUserModel, Me as MeModel, User as UserModel } from './user.model';

export const Role = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in RoleName]: K };
registerEnumType(Role, { name: 'Role', description: 'A role in the permission table; a user may hold several.' });

@ObjectType('User', { description: 'A personal account (P12).' })
export class User implements UserModel {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true }) username: string;
  @Field(() => String, { nullable: true }) displayName: string;
  @Field(() => [Role], { nullable: true }) roles: RoleName[];
  @Field(() => Boolean, { nullable: true }) active: boolean;
  @Field(() => Partner, { nullable: true, description: 'The partner firm a PARTNER user works for.' }) partner: Partner | null;
  @Field(() => Boolean, { nullable: true }) mustChangePassword: boolean;
  @Field(() => String, { nullable: true }) confidentialityAcceptedVersion: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdAt: Date;
}

@ObjectType({ description: 'A new account and its one-time password, shown once.' })
export class CreatedUser implements CreatedUserModel {
  @Field(() => User) user: User;
  @Field({ description: 'Give this to the person; they must change it at first login.' }) initialPassword: string;
}

@ObjectType('Me', { description: 'The signed-in user, and what they may do.' })
export class Me implements MeModel {
  @Field(() => User) user: User;
  @Field(() => [Role]) roles: RoleName[];
  @Field(() => GraphQLJSON, { description: 'Packed CASL rules: the web builds the same ability from them.' })
  rules: unknown;
  @Field() mustChangePassword: boolean;
  @Field({ description: 'Whether the current confidentiality commitment has been acknowledged (P11, P12).' })
  confidentialityAccepted: boolean;
  @Field() confidentialityVersion: string;
  @Field(() => Int, {
    description: 'Seconds without a request after which the session may end (the idle timeout less the minute it is touched within).',
  })
  sessionIdleSeconds: number;
}
