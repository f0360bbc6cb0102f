import { Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { ComplianceReport } from './compliance.type';

@Resolver()
export class ComplianceResolver {
  @Authorized()
  @Query(() => ComplianceReport, {
    nullable: true,
    description: 'The compliance report of the running build (privacy officers and admins). Null: this build has no test results.',
  })
  complianceReport(@Ctx() ctx: RequestContext): Promise<ComplianceReport | null> {
    return ctx.services.compliance.report(actorOf(ctx));
  }
}
