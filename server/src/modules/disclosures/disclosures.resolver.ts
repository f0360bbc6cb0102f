import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { Customer } from '../customers/customer.type';
import { DiscloseInput, Disclosure, DisclosureResult, Recipient, RecipientInput } from './disclosure.type';

@Resolver(() => Recipient)
export class RecipientsResolver {
  @Authorized()
  @Query(() => [Recipient], { description: 'The recipients registry (P8, P9).' })
  recipients(@Arg('includeInactive', () => Boolean, { defaultValue: false }) includeInactive: boolean, @Ctx() ctx: RequestContext): Promise<Recipient[]> {
    return ctx.services.disclosures.recipients(actorOf(ctx), includeInactive);
  }

  @Authorized()
  @Mutation(() => Recipient)
  createRecipient(@Arg('input') input: RecipientInput, @Ctx() ctx: RequestContext): Promise<Recipient> {
    return ctx.services.disclosures.createRecipient(actorOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => Recipient, { description: 'A stale version gives CONFLICT and changes nothing.' })
  updateRecipient(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input') input: RecipientInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Recipient> {
    return ctx.services.disclosures.updateRecipient(actorOf(ctx), id, version, input);
  }
}

@Resolver(() => Disclosure)
export class DisclosuresResolver {
  @Authorized()
  @Mutation(() => DisclosureResult, {
    description: 'P8: discloses the named fields to a registered recipient on a basis it is registered for; written to the ledger.',
  })
  discloseCustomerData(@Arg('input') input: DiscloseInput, @Ctx() ctx: RequestContext): Promise<DisclosureResult> {
    return ctx.services.disclosures.disclose(actorOf(ctx), input);
  }

  @Authorized()
  @Query(() => [Disclosure], { description: "The customer's disclosure ledger, newest first." })
  disclosures(@Arg('customerId', () => GraphQLUUID) customerId: string, @Ctx() ctx: RequestContext): Promise<Disclosure[]> {
    return ctx.services.disclosures.ledger(actorOf(ctx), customerId);
  }

  @FieldResolver(() => Customer, { nullable: true })
  async customer(@Root() disclosure: Disclosure, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return disclosure.customer ?? ctx.loaders.customer(disclosure.customerId);
  }
}
