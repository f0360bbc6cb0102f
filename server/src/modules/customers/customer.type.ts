import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Organisation } from '../organisations/organisation.type';
import { Partner } from '../partners/partner.type';
import { PageInfo, type CappedCount } from '../../graphql/connection';
import { DataSource } from '../provenance/provenance.type';
import { CustomerOrder, Language, type Customer as CustomerModel, type CustomerPage } from './customer.model';

export { CustomerOrder, Language };
registerEnumType(Language, { name: 'Language', description: 'The language the customer is served in.' });
registerEnumType(CustomerOrder, { name: 'CustomerOrder', description: 'Sort orders of the customer list.' });

/**
 * A customer record as the API shows it. Every field is nullable: the field guard resolves a
 * field the user may not read to null with FORBIDDEN at its path. Its data fields have no
 * resolvers: GraphQL sees customers only through the field guard's views.
 */
@ObjectType('Customer', { simpleResolvers: true })
export class Customer implements CustomerModel {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true, description: 'Unique, human-readable customer number.' }) customerNumber: string;
  @Field(() => String, { nullable: true }) firstName: string;
  @Field(() => String, { nullable: true }) lastName: string;
  @Field(() => Organisation, { nullable: true, description: 'The organisation the customer represents.' })
  organisation: Organisation | null;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true, description: 'E.164, e.g. +358401234567.' }) phone: string | null;
  @Field(() => String, { nullable: true }) street: string | null;
  @Field(() => String, { nullable: true }) postalCode: string | null;
  @Field(() => String, { nullable: true }) city: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' }) country: string;
  @Field(() => Language, { nullable: true }) language: Language;
  @Field(() => Partner, { nullable: true, description: 'The partner firm serving the customer (P4).' })
  partner: Partner | null;
  @Field(() => DataSource, { nullable: true, description: 'Where the record began (P7).' }) source: DataSource;
  @Field(() => Int, { nullable: true, description: 'Optimistic-locking version; send it back with an update.' })
  version: number;
  @Field(() => Boolean, { nullable: true, description: 'Processing restricted: stored, but out of target lists, disclosures and edits (GDPR 18).' })
  restricted: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Erasure decided and waiting on a hold, e.g. an open invoice (P10).' })
  pendingErasure: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Identifiers replaced irreversibly (P17).' })
  anonymised: boolean;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) createdAt: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) updatedAt: Date;

  /** Not a GraphQL field: the partner rule of the permission table matches on it. */
  partnerId: string | null;
  /** Not a GraphQL field: `mergedInto` (customer-merge) follows it. */
  mergedIntoId?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class CustomerEdge {
  @Field() cursor: string;
  @Field(() => Customer) node: Customer;
}

@ObjectType({ simpleResolvers: true })
export class CustomerConnection implements CustomerPage {
  @Field(() => [CustomerEdge]) edges: CustomerEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  /** Resolved only when asked for: counts the rows the user may see, exactly up to COUNT_CAP. */
  countVisible: () => Promise<CappedCount>;
}
