/**
 * Issue 16: each language's messages come in three parts. The shell's part is what the sign-in page and the page frame
 * say, loaded first; `pages` holds the texts of a few pages that nobody lands on, loaded with those pages (routes.tsx);
 * the rest (every other page's texts) loads once someone has signed in. A page asking for a section of a part not
 * loaded shows as loading until it is here. The build's `messageParts` plugin (web/build/message-parts.ts) cuts `fi.ts`
 * and `en.ts` into the parts: `./fi?part=shell`, `./fi?part=pages`, `./fi?part=rest`.
 */
export const SHELL_SECTIONS = ['languageName', 'app', 'ux', 'auth', 'errors', 'fieldErrors', 'purposes'] as const;

/**
 * Sections read only by the pages that load `pages` with their code (a section read elsewhere, even by the navigation,
 * belongs in the rest).
 */
export const PAGE_SECTIONS = ['requests', 'audit', 'optOutLists', 'paperRecords', 'outbox', 'compliance', 'retention'] as const;

export type MessagePart = 'shell' | 'rest' | 'pages';
