import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { Recipient } from '../disclosures/disclosure.type';
import { ApiToken, IssueApiTokenInput, IssuedApiToken, Partner, PartnerInput } from './partner.type';

@Resolver(() => Partner)
export class PartnersResolver {
  @Authorized()
  @Query(() => [Partner], { description: 'The partner firms you may see (P4).' })
  partners(@Ctx() ctx: RequestContext): Promise<Partner[]> {
    return ctx.services.partners.list(actorOf(ctx));
  }

  @Authorized()
  @Query(() => [ApiToken], { description: "P4: a partner firm's API tokens, newest first; never their secrets." })
  async apiTokens(@Arg('partnerId', () => GraphQLUUID) partnerId: string, @Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    const [tokens] = await ctx.services.partners.tokensOf(actorOf(ctx), [partnerId]);
    return tokens;
  }

  @Authorized()
  @Mutation(() => Partner, { description: 'P4: registers a partner firm and its processor row (P9).' })
  createPartner(@Arg('input') input: PartnerInput, @Ctx() ctx: RequestContext): Promise<Partner> {
    return ctx.services.partners.create(actorOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => Partner, {
    description: 'P4: changes a partner firm; `active: false` refuses its staff and tokens at their next request. A stale version gives CONFLICT.',
  })
  updatePartner(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: PartnerInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Partner> {
    return ctx.services.partners.update(actorOf(ctx), id, version, input);
  }

  @Authorized()
  @Mutation(() => IssuedApiToken, { description: "P4: issues an API token to a firm's system; the secret is in this answer only." })
  issueApiToken(@Arg('input') input: IssueApiTokenInput, @Ctx() ctx: RequestContext): Promise<IssuedApiToken> {
    return ctx.services.partners.issueToken(actorOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => ApiToken, { description: 'P4: revokes a token; its next request is refused.' })
  revokeApiToken(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<ApiToken> {
    return ctx.services.partners.revokeToken(actorOf(ctx), id);
  }

  @FieldResolver(() => Recipient, { nullable: true, description: 'Its row in the recipients registry: country, agreement, transfer (P9).' })
  processor(@Root() partner: Partner, @Ctx() ctx: RequestContext): Promise<Recipient | null> {
    return ctx.services.disclosures.processorOfPartner(actorOf(ctx), partner.id);
  }

  @FieldResolver(() => [ApiToken], { nullable: true })
  async tokens(@Root() partner: Partner, @Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    const [tokens] = await ctx.services.partners.tokensOf(actorOf(ctx), [partner.id]);
    return tokens;
  }
}
