import { Router } from 'express';
import type { Logger } from '../../logger';
import { renderNotice } from './notice-html';
import type { PrivacyNotices } from './privacy-notice.service';

/**
 * P18: the public notice, without login: /tietosuojaseloste (Finnish), /privacy-notice (English) and
 * /privacy-notice.json. They serve the latest published version; before the first publish they answer 404 saying so.
 */
export function privacyNoticeRoutes(notices: PrivacyNotices, logger: Logger): Router {
  const router = Router();
  const html = (lang: 'fi' | 'en') => async (_req: unknown, res: import('express').Response) => {
    try {
      const notice = await notices.published();
      res
        .status(notice ? 200 : 404)
        .type('html')
        .setHeader('Cache-Control', 'no-cache')
        .send(renderNotice(lang, notice));
    } catch (error) {
      logger.error({ err: error }, 'privacy notice failed');
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  };
  router.get('/tietosuojaseloste', html('fi'));
  router.get('/privacy-notice', html('en'));
  router.get('/privacy-notice.json', async (_req, res) => {
    try {
      const notice = await notices.published();
      if (!notice) return void res.status(404).json({ error: 'NOT_PUBLISHED' });
      res.setHeader('Cache-Control', 'no-cache');
      res.json({ format: 'rekisteri-privacy-notice/1', version: notice.version, drawnUp: notice.drawnUp, lastChanged: notice.lastChanged, ...notice.content });
    } catch (error) {
      logger.error({ err: error }, 'privacy notice failed');
      res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
    }
  });
  return router;
}
