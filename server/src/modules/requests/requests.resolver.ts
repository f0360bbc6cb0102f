import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { GraphQLUUID } from '../../graphql/scalars';
import { Customer } from '../customers/customer.type';
import {
  AccessPackage,
  CreatePrivacyRequestInput,
  ErasureItem,
  ErasurePlan,
  ExtendPrivacyRequestInput,
  NoticeStatus,
  PrivacyDocument,
  PrivacyRequest,
  PrivacyRequestConnection,
  PrivacyRequestEvent,
  PrivacyRequestFilter,
  RectificationDecisionInput,
  RectificationItem,
  RectificationNotice,
  RequestAgeBucket,
  RetainedVoucher,
  StaffMember,
  VerifyIdentityInput,
} from './request.type';

@Resolver(() => PrivacyRequest)
export class PrivacyRequestsResolver {
  @Authorized()
  @Query(() => PrivacyRequestConnection, { description: 'The queue: open requests by days left (overdue first), then closed ones.' })
  privacyRequests(
    @Arg('filter', () => PrivacyRequestFilter, { nullable: true }) filter: PrivacyRequestFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PrivacyRequestConnection> {
    return ctx.services.requestQueue.list(actorOf(ctx), filter, first, after);
  }

  @Authorized()
  @Query(() => PrivacyRequest)
  privacyRequest(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<PrivacyRequest> {
    return ctx.services.requests.get(actorOf(ctx), id);
  }

  @Authorized()
  @Query(() => [RequestAgeBucket], { description: 'Open requests by days since receipt.' })
  openPrivacyRequestsByAge(@Ctx() ctx: RequestContext): Promise<RequestAgeBucket[]> {
    return ctx.services.requestQueue.openByAge(actorOf(ctx));
  }

  @Authorized()
  @Query(() => [StaffMember], { description: 'Privacy officers a request can be assigned to.' })
  privacyOfficers(@Ctx() ctx: RequestContext): Promise<StaffMember[]> {
    return ctx.services.requestQueue.privacyOfficers(actorOf(ctx));
  }

  @Authorized()
  @Mutation(() => PrivacyRequest, { description: 'Intake of a request; due one calendar month after receipt.' })
  createPrivacyRequest(@Arg('input') input: CreatePrivacyRequestInput, @Ctx() ctx: RequestContext): Promise<PrivacyRequest> {
    return ctx.services.requests.create(actorOf(ctx), input);
  }

  @Authorized()
  @Mutation(() => PrivacyRequest)
  assignPrivacyRequest(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('userId', () => GraphQLUUID) userId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PrivacyRequest> {
    return ctx.services.requests.assign(actorOf(ctx), id, userId);
  }

  @Authorized()
  @Mutation(() => PrivacyRequest, { description: 'Nothing is disclosed or changed before this. Objections and restrictions take effect at once.' })
  verifyIdentity(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('input') input: VerifyIdentityInput,
    @Arg('customerId', () => GraphQLUUID, { nullable: true, description: 'The customer the requester was identified as, if the request named none.' })
    customerId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PrivacyRequest> {
    return ctx.services.requests.verifyIdentity(actorOf(ctx), id, { ...input, customerId });
  }

  @Authorized()
  @Mutation(() => PrivacyRequest, { description: 'GDPR 12(3): at most two further months, only while the first month runs.' })
  extendPrivacyRequest(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('input') input: ExtendPrivacyRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PrivacyRequest> {
    return ctx.services.requests.extend(actorOf(ctx), id, input);
  }

  @Authorized()
  @Mutation(() => PrivacyRequest, { description: 'Refuses the whole request, with the reason and the Ombudsman route in a notice.' })
  refusePrivacyRequest(@Arg('id', () => GraphQLUUID) id: string, @Arg('reason') reason: string, @Ctx() ctx: RequestContext): Promise<PrivacyRequest> {
    return ctx.services.requests.refuse(actorOf(ctx), id, reason);
  }

  @Authorized()
  @Mutation(() => PrivacyRequest)
  withdrawPrivacyRequest(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PrivacyRequest> {
    return ctx.services.requests.withdraw(actorOf(ctx), id, note);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends a restriction of processing (GDPR 18), after writing the notice to the person that 18(3) asks.' })
  async liftRestriction(@Arg('customerId', () => GraphQLUUID) customerId: string, @Arg('note') note: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.requests.liftRestriction(actorOf(ctx), customerId, note);
    return true;
  }

  @Authorized()
  @Mutation(() => AccessPackage, { description: 'P14: the access package, as JSON and as a printable document, stored with hashes.' })
  fulfilAccessRequest(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<AccessPackage> {
    return ctx.services.accessPackages.fulfil(actorOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => PrivacyRequest, { description: 'P16: approves (applied at once) or refuses (with a reason) each item.' })
  decideRectification(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('decisions', () => [RectificationDecisionInput]) decisions: RectificationDecisionInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<PrivacyRequest> {
    return ctx.services.rectifications.decide(actorOf(ctx), id, decisions);
  }

  @Authorized()
  @Mutation(() => RectificationNotice, { description: 'Marks a notice to a source or recipient (GDPR 19) SENT, or IMPOSSIBLE with the reason.' })
  setRectificationNoticeStatus(
    @Arg('id', () => GraphQLUUID) id: string,
    @Arg('status', () => NoticeStatus) status: NoticeStatus,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RectificationNotice> {
    return ctx.services.rectifications.setNoticeStatus(actorOf(ctx), id, status, reason);
  }

  @Authorized()
  @Mutation(() => ErasurePlan, { description: 'P10, P17: what erasure would erase, anonymise or hold, per table.' })
  planErasure(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<ErasurePlan> {
    return ctx.services.erasures.plan(actorOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => ErasurePlan, { description: 'Carries out the plan in one transaction; held parts finish by themselves.' })
  executeErasure(@Arg('id', () => GraphQLUUID) id: string, @Ctx() ctx: RequestContext): Promise<ErasurePlan> {
    return ctx.services.erasures.execute(actorOf(ctx), id);
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() request: PrivacyRequest, @Ctx() ctx: RequestContext): Promise<Customer | null> | null {
    return request.customerId ? ctx.loaders.customer(request.customerId) : null;
  }

  @FieldResolver(() => PrivacyRequest, { nullable: true })
  duplicateOf(@Root() request: PrivacyRequest, @Ctx() ctx: RequestContext): Promise<PrivacyRequest | null> | null {
    return request.duplicateOfId ? ctx.loaders.privacyRequest(request.duplicateOfId) : null;
  }

  @FieldResolver(() => StaffMember, { nullable: true })
  assignee(@Root() request: PrivacyRequest, @Ctx() ctx: RequestContext): Promise<StaffMember | null> | null {
    return request.assigneeId ? ctx.loaders.staffMember(request.assigneeId) : null;
  }

  @FieldResolver(() => [RectificationItem], { nullable: true })
  items(@Root() request: PrivacyRequest, @Ctx() ctx: RequestContext): Promise<RectificationItem[]> {
    return ctx.loaders.rectificationItems(request.id);
  }

  @FieldResolver(() => [RectificationNotice], { nullable: true })
  notices(@Root() request: PrivacyRequest, @Ctx() ctx: RequestContext): Promise<RectificationNotice[]> {
    return ctx.loaders.rectificationNotices(request.id);
  }

  @FieldResolver(() => [ErasureItem], { nullable: true })
  erasurePlan(@Root() request: PrivacyRequest, @Ctx() ctx: RequestContext): Promise<ErasureItem[]> {
    return ctx.loaders.erasureItems(request.id);
  }

  @FieldResolver(() => [PrivacyDocument], { nullable: true })
  documents(@Root() request: PrivacyRequest, @Ctx() ctx: RequestContext): Promise<PrivacyDocument[]> {
    return ctx.loaders.privacyDocuments(request.id);
  }

  @FieldResolver(() => [RetainedVoucher], { nullable: true })
  retainedVouchers(@Root() request: PrivacyRequest, @Ctx() ctx: RequestContext): Promise<RetainedVoucher[]> {
    return ctx.services.retainedVouchers.forRequest(actorOf(ctx), request);
  }

  @FieldResolver(() => [PrivacyRequestEvent], { nullable: true })
  events(@Root() request: PrivacyRequest, @Ctx() ctx: RequestContext): Promise<PrivacyRequestEvent[]> {
    return ctx.loaders.requestEvents(request.id);
  }
}
