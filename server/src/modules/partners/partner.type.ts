import { API_TOKEN_SCOPES, type ApiTokenScope } from '@rekisteri/schema';
import { ArrayMaxSize, ArrayMinSize, IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLUUID } from '../../graphql/scalars';
import { ProcessorTermsInput } from '../disclosures/processor-terms.type';
import type {
  ApiToken as ApiTokenModel,
  ApiTokenRequest,
  IssuedApiToken as IssuedApiTokenModel,
  Partner as PartnerModel,
  PartnerDetails,
} from './partner.model';

/** P4: what an API token may do. */
export const ApiTokenScopeEnum = Object.fromEntries(API_TOKEN_SCOPES.map((s) => [s, s])) as { [K in ApiTokenScope]: K };
registerEnumType(ApiTokenScopeEnum, { name: 'ApiTokenScope', description: 'P4: what an API token of a partner firm may do.' });

@ObjectType('ApiToken', { description: "P4: a token of a partner firm's system. Its secret is shown once, when issued, and never stored." })
export class ApiToken implements ApiTokenModel {
  @Field(() => ID, { nullable: true }) id: string;
  partnerId: string;
  @Field(() => String, { nullable: true }) name: string;
  @Field(() => String, { nullable: true, description: 'The first characters of the token, to tell tokens apart.' }) prefix: string;
  @Field(() => [ApiTokenScopeEnum], { nullable: true }) scopes: ApiTokenScope[];
  @Field(() => GraphQLDateTimeISO, { nullable: true }) expiresAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdAt: Date;
  @Field(() => String, { nullable: true, description: 'Username of who issued it.' }) createdBy: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) lastUsedAt: Date | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) revokedAt: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Neither revoked nor expired.' }) active: boolean;
}

@ObjectType('IssuedApiToken', { description: 'A token just issued: the secret is in this answer and nowhere else.' })
export class IssuedApiToken implements IssuedApiTokenModel {
  @Field(() => ApiToken) token: ApiToken;
  @Field(() => String, { description: 'Send it as `Authorization: Bearer <secret>`. Shown once.' }) secret: string;
}

/** Guarded type: every field nullable, a denied one resolves to null with FORBIDDEN. */
@ObjectType('Partner', { description: 'A firm acting for the company (P4), and a processor in the recipients registry (P9).' })
export class Partner implements PartnerModel {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true }) name: string;
  @Field(() => String, { nullable: true }) businessId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'A deactivated firm has no access: its staff and tokens are refused.' }) active?: boolean;
  @Field(() => [String], { nullable: true, description: 'The customer fields its staff and tokens may read (its customers only).' })
  customerFields?: string[];
  @Field(() => [ApiToken], { nullable: true, description: "Its systems' API tokens, newest first." }) tokens?: ApiToken[];
  @Field(() => Int, { nullable: true }) version?: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdAt?: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) updatedAt?: Date;
}

@InputType()
export class PartnerInput extends ProcessorTermsInput implements PartnerDetails {
  @Field() @MaxLength(200) name: string;
  @Field(() => String, { nullable: true, description: 'Y-tunnus for a Finnish firm.' }) @IsOptional() @MaxLength(50) businessId?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) @IsOptional() active?: boolean | null;
  @Field(() => [String], { description: "The customer fields its staff may read: a subset of PARTNER's in the permission table." })
  @ArrayMaxSize(50)
  customerFields: string[];
}

@InputType()
export class IssueApiTokenInput implements ApiTokenRequest {
  @Field(() => GraphQLUUID) partnerId: string;
  @Field() @MaxLength(100) name: string;
  @Field(() => [ApiTokenScopeEnum]) @ArrayMinSize(1) scopes: ApiTokenScope[];
  @Field(() => GraphQLDateTimeISO) expiresAt: Date;
}
