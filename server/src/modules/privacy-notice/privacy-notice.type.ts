import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum NoticeLanguage {
  FI = 'FI',
  EN = 'EN',
}
registerEnumType(NoticeLanguage, { name: 'NoticeLanguage' });

@ObjectType()
export class PrivacyNoticeSection {
  @Field() key: string;
  @Field() title: string;
  @Field(() => [String]) paragraphs: string[];
}

@ObjectType('PrivacyNotice', { description: 'P18: a published version of the privacy notice, in one language.' })
export class PrivacyNotice {
  @Field(() => Int, { nullable: true }) version: number;
  @Field({ nullable: true }) title: string;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When the first version was published.' }) drawnUp: Date;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'When this version was published.' }) lastChanged: Date;
  @Field(() => [PrivacyNoticeSection], { nullable: true }) sections: PrivacyNoticeSection[];
}

@ObjectType()
export class PrivacyNoticeChange {
  @Field() section: string;
  @Field(() => [String]) added: string[];
  @Field(() => [String]) removed: string[];
}

@ObjectType({ description: 'The notice the configuration makes now, and what changed since the last published version.' })
export class PrivacyNoticeDraft {
  @Field(() => Int, { nullable: true }) latestVersion: number | null;
  @Field() title: string;
  @Field(() => [PrivacyNoticeSection]) sections: PrivacyNoticeSection[];
  @Field(() => [PrivacyNoticeChange]) changes: PrivacyNoticeChange[];
}

@ObjectType()
export class PrivacyNoticeVersion {
  @Field(() => Int) version: number;
  @Field(() => GraphQLDateTimeISO) publishedAt: Date;
  @Field(() => String, { nullable: true }) publishedBy: string | null;
}
