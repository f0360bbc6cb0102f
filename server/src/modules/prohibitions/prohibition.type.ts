import { MaxLength } from 'class-validator';
import { GraphQLDateTimeISO, GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  ContactChannel,
  NoticeVia,
  ProhibitionAction,
  ProhibitionKind,
  type OptOutListImport,
  type OptOutListRecord,
  type ProhibitionNotice,
  type ProhibitionRecord,
} from './prohibition.model';

export { ContactChannel, NoticeVia, ProhibitionAction, ProhibitionKind };

registerEnumType(ProhibitionKind, {
  name: 'ProhibitionKind',
  description: 'What the customer forbade (P5 lists, P15 marketing, selling and research, P2/P17 profiling).',
});
registerEnumType(ContactChannel, { name: 'ContactChannel' });
registerEnumType(NoticeVia, { name: 'NoticeVia', description: "How the customer's notice came in." });
registerEnumType(ProhibitionAction, { name: 'ProhibitionAction' });

@ObjectType('Prohibition', { description: "One entry of a customer's prohibition ledger, or one prohibition in force." })
export class Prohibition implements ProhibitionRecord {
  @Field(() => ProhibitionKind, { nullable: true }) kind: ProhibitionKind;
  @Field(() => ContactChannel, { nullable: true, description: 'Null: every channel.' }) channel: ContactChannel | null;
  @Field(() => ProhibitionAction, { nullable: true }) action: ProhibitionAction;
  @Field(() => NoticeVia, { nullable: true }) via: NoticeVia;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) recordedAt: Date;
  @Field(() => String, { nullable: true, description: 'The user who recorded it.' }) recordedBy: string | null;

  customerId: string;
}

@InputType()
export class ProhibitionInput implements ProhibitionNotice {
  @Field(() => ProhibitionKind) kind: ProhibitionKind;
  @Field(() => ContactChannel, { nullable: true, description: 'Omitted: every channel.' }) channel?: ContactChannel | null;
  @Field(() => NoticeVia, { description: "How the customer's notice came in." }) via: NoticeVia;
  @Field(() => String, { nullable: true }) @MaxLength(1000) note?: string | null;
}

@ObjectType('OptOutList', { description: 'An external opt-out register, e.g. a Finnish direct-marketing opt-out list.' })
export class OptOutList implements OptOutListRecord {
  @Field(() => ID, { nullable: true }) id: string;
  @Field(() => String, { nullable: true }) name: string;
  @Field(() => ContactChannel, { nullable: true, description: 'The channel it covers (PHONE for telemarketing, POST for addressed mail); null: all.' })
  channel: ContactChannel | null;
  @Field(() => GraphQLLocalDate, { nullable: true }) validFrom: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) validUntil: string | null;
  @Field(() => Int, { nullable: true }) rowCount: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) importedAt: Date;
}

@InputType()
export class ImportOptOutListInput implements OptOutListImport {
  @Field({ description: 'The register, e.g. "ASML puhelinmarkkinointi". Importing under the same name replaces the older list.' })
  @MaxLength(200)
  name: string;
  @Field(() => ContactChannel, { nullable: true, description: 'PHONE for a telemarketing list, POST for addressed mail; omitted: all channels.' })
  channel?: ContactChannel | null;
  @Field(() => GraphQLLocalDate) validFrom: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) validUntil?: string | null;
  @Field({ description: 'CSV with a header row: name, street, postal_code, phone; separated as the header is (semicolon, comma or tab).' })
  csv: string;
}
