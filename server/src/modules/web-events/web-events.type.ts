import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { KAnonymousCount } from '../../graphql/scalars';
import {
  ConsentCategory,
  type CustomerWebActivity as CustomerWebActivityModel,
  type PageBucket as PageBucketModel,
  type WebConsent as WebConsentModel,
  type WebEvent as WebEventModel,
  type WebFormSubmission as WebFormSubmissionModel,
  type WebPageStatistics as WebPageStatisticsModel,
} from './web-events.model';

registerEnumType(ConsentCategory, { name: 'ConsentCategory', description: 'What a site visitor consented to (P13).' });

@ObjectType({ description: 'A site visitor’s consent, given or withdrawn (P13). The visitor id is not shown.' })
export class WebConsent implements WebConsentModel {
  @Field(() => [ConsentCategory], { description: 'Empty once withdrawn.' }) categories: ConsentCategory[];
  @Field({ description: 'The version of the privacy notice the visitor was shown.' }) noticeVersion: string;
  @Field() givenAt: Date;
  @Field(() => Date, { nullable: true }) withdrawnAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a form fill linked the visitor to the customer.' }) linkedAt: Date | null;
}

@ObjectType({ description: 'A page view of the company’s own site: what the notice says the cookies collect (P13).' })
export class WebEvent implements WebEventModel {
  @Field(() => ID) id: string;
  @Field() occurredAt: Date;
  @Field({ description: 'The page’s path, without a query string.' }) page: string;
  @Field(() => Int, { description: 'Time spent on the page.' }) durationSeconds: number;
  @Field(() => String, { nullable: true }) ipAddress: string | null;
  @Field(() => String, { nullable: true, description: 'The browser (user agent).' }) userAgent: string | null;
}

@ObjectType({ description: 'A form filled in on the site, linked to the customer it made or matched.' })
export class WebFormSubmission implements WebFormSubmissionModel {
  @Field(() => ID) id: string;
  @Field() form: string;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field() submittedAt: Date;
  @Field({ description: 'An existing customer was matched; else the form created the customer.' }) matched: boolean;
}

@ObjectType({ description: 'A customer’s web activity: their browsers’ consents, the page views (newest 200) and forms (P13).' })
export class CustomerWebActivity implements CustomerWebActivityModel {
  @Field(() => [WebConsent]) consents: WebConsent[];
  @Field(() => [WebEvent]) events: WebEvent[];
  @Field(() => [WebFormSubmission]) forms: WebFormSubmission[];
}

@ObjectType({ description: 'A page of the site and its visitors; pages under the threshold are folded into OTHER.' })
export class WebPageBucket implements PageBucketModel {
  @Field({ description: 'The page’s path, or OTHER.' }) page: string;
  @Field(() => KAnonymousCount) visitors: KAnonymousCount;
  @Field(() => Int, { nullable: true, description: 'Null for a group under the threshold.' }) views: number | null;
  @Field(() => Int, { nullable: true }) averageSeconds: number | null;
}

@ObjectType({ description: 'P2, P13: page statistics of visitors who consented to analytics; aggregates only.' })
export class WebPageStatistics implements WebPageStatisticsModel {
  @Field(() => Int) minimumGroupSize: number;
  @Field({ description: 'Events since this instant: the retention period.' }) since: Date;
  @Field(() => [WebPageBucket]) pages: WebPageBucket[];
}
