import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import type { PublishedNotice } from './privacy-notice.service';
import { NoticeLanguage, PrivacyNotice, PrivacyNoticeDraft, PrivacyNoticeVersion } from './privacy-notice.type';

const lang = (l: NoticeLanguage) => (l === NoticeLanguage.FI ? 'fi' : 'en');
const inLanguage = (n: PublishedNotice, l: NoticeLanguage): PrivacyNotice =>
  Object.assign(new PrivacyNotice(), { version: n.version, drawnUp: n.drawnUp, lastChanged: n.lastChanged, ...n.content[lang(l)] });

@Resolver()
export class PrivacyNoticeResolver {
  @Authorized()
  @Query(() => PrivacyNotice, { description: 'P18: the latest published privacy notice (public at /tietosuojaseloste and /privacy-notice).' })
  async privacyNotice(@Arg('language', () => NoticeLanguage) language: NoticeLanguage, @Ctx() ctx: RequestContext): Promise<PrivacyNotice> {
    return inLanguage(await ctx.services.privacyNotices.publishedFor(actorOf(ctx)), language);
  }

  @Authorized()
  @Query(() => PrivacyNoticeDraft, { description: 'Administrators and privacy officers: the notice the configuration makes now, and what changed.' })
  async privacyNoticeDraft(@Arg('language', () => NoticeLanguage) language: NoticeLanguage, @Ctx() ctx: RequestContext): Promise<PrivacyNoticeDraft> {
    const draft = await ctx.services.privacyNotices.draft(actorOf(ctx));
    return { latestVersion: draft.latestVersion, ...draft.content[lang(language)], changes: draft.changes[lang(language)] };
  }

  @Authorized()
  @Query(() => [PrivacyNoticeVersion], { description: 'The published versions, newest first.' })
  async privacyNoticeVersions(@Ctx() ctx: RequestContext): Promise<PrivacyNoticeVersion[]> {
    return (await ctx.services.privacyNotices.versions(actorOf(ctx))).map((v) => ({
      version: v.version,
      publishedAt: v.published_at,
      publishedBy: v.published_by,
    }));
  }

  @Authorized()
  @Mutation(() => PrivacyNotice, { description: 'Administrators: publishes the notice the configuration makes now as a new version.' })
  async publishPrivacyNotice(
    @Arg('language', () => NoticeLanguage, { defaultValue: NoticeLanguage.FI }) language: NoticeLanguage,
    @Ctx() ctx: RequestContext,
  ): Promise<PrivacyNotice> {
    return inLanguage(await ctx.services.privacyNotices.publish(actorOf(ctx)), language);
  }
}
