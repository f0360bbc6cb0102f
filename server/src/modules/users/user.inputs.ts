import type { Role as RoleName } from '@rekisteri/schema';
import { ArrayMaxSize, IsNotEmpty, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { GraphQLUUID } from '../../graphql/scalars';
import { Role } from './user.type';

@InputType()
export class CreateUserInput {
  @Field({ description: 'Lower-case letters, digits, dot, dash or underscore; 2-64 characters.' })
  @Matches(/^[A-Za-z0-9._-]{2,64}$/, { message: 'use 2-64 letters, digits, dots, dashes or underscores' })
  username: string;
  @Field() @IsNotEmpty({ message: 'must not be empty' }) @MaxLength(100) displayName: string;
  @Field(() => [Role]) @ArrayMaxSize(6) roles: RoleName[];
  @Field(() => GraphQLUUID, { nullable: true, description: 'Required with the PARTNER role, and only with it: the firm the person works for.' })
  partner?: string | null;
}
