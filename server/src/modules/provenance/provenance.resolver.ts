import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Customer } from '../customers/customer.type';
import { FieldProvenance } from './provenance.type';

@Resolver(() => Customer)
export class CustomerProvenanceResolver {
  @FieldResolver(() => [FieldProvenance], { nullable: true, description: 'Per field, the current source and time (P7).' })
  provenance(@Root() customer: Customer, @Ctx() ctx: RequestContext): Promise<FieldProvenance[]> {
    return ctx.loaders.provenanceOf(customer.id);
  }
}
