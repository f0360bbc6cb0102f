import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { ExportLanguage } from '../campaigns/campaign.type';
import { CustomerExport, CustomerExportInput } from './customer-export.type';

@Resolver(() => CustomerExport)
export class CustomerExportResolver {
  @Authorized()
  @Mutation(() => CustomerExport, {
    description: 'The customer list (its search and filter, or the selected rows) as CSV, with exactly the fields you may read; audited.',
  })
  exportCustomers(@Arg('input') input: CustomerExportInput, @Ctx() ctx: RequestContext): Promise<CustomerExport> {
    const { language, ...request } = input;
    return ctx.services.customerExports.export(actorOf(ctx), { ...request, language: language === ExportLanguage.EN ? 'en' : 'fi' }, ctx.purpose);
  }
}
