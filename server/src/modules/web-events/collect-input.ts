import { ConsentCategory, CONSENT_CATEGORIES } from './web-events.model';

/**
 * P13: what the site's script and forms may send, checked before anything is stored. Every problem is
 * an IntakeError with a code and the field, answered 400; nothing of a refused body is kept.
 */
export class IntakeError extends Error {
  constructor(
    readonly code: string,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'IntakeError';
  }
}

const refuse = (field: string, message: string) => new IntakeError('BAD_USER_INPUT', field, message);

/** Ids the script makes (crypto.randomUUID without dashes, or any 16-64 url-safe characters). */
const VISITOR_ID = /^[A-Za-z0-9_-]{16,64}$/;
const NOTICE_VERSION = /^[A-Za-z0-9._-]{1,40}$/;
/** At most this many page views in one POST. */
export const MAX_EVENTS_PER_POST = 20;
const MAX_DURATION_MS = 86_400_000;

type Body = Record<string, unknown>;

/**
 * The API's rule for text (graphql/text-input.ts), for bodies that never pass GraphQL: no control
 * characters (line breaks and tabs only in free text) and no half of a surrogate pair.
 */
function textProblem(text: string, multiline: boolean): string | null {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x09 || unit === 0x0a || unit === 0x0d || unit === 0x2028 || unit === 0x2029) {
      if (multiline) continue;
      return 'contains a line break or tab, which is not allowed here.';
    }
    if (unit < 0x20 || (unit >= 0x7f && unit <= 0x9f)) return 'contains a control character, which is not allowed.';
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (unit >= 0xd800 && unit <= 0xdfff) return 'contains a broken character.';
  }
  return null;
}

export function parseBody(raw: unknown): Body {
  let value = raw;
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
    const text = raw.toString();
    if (!text.trim()) throw refuse('body', 'The body is empty.');
    try {
      value = JSON.parse(text);
    } catch {
      throw refuse('body', 'The body is not JSON.');
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw refuse('body', 'The body is not a JSON object.');
  return value as Body;
}

export function visitorIdOf(value: unknown, field = 'visitorId'): string {
  if (typeof value !== 'string' || !VISITOR_ID.test(value)) throw refuse(field, 'A visitor id is 16 to 64 letters, digits, - or _.');
  return value;
}

function text(value: unknown, field: string, max: number, options: { required?: boolean; multiline?: boolean } = {}): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (options.required) throw refuse(field, `${field} is required.`);
    return null;
  }
  if (typeof value !== 'string') throw refuse(field, `${field} is text.`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw refuse(field, `${field} is at most ${max} characters.`);
  const problem = textProblem(trimmed, options.multiline ?? false);
  if (problem) throw refuse(field, `${field} ${problem}`);
  return trimmed;
}

/**
 * A page as stored: its path only. A query string or fragment can carry personal data (an e-mail in a
 * link, a search), and the notice names pages, not what was typed into them.
 */
export function pageOf(value: unknown, field: string): string {
  const page = text(value, field, 512, { required: true }) as string;
  let path: string;
  try {
    path = new URL(page, 'https://site.invalid').pathname;
  } catch {
    throw refuse(field, 'A page is a path such as /products.');
  }
  if (!page.startsWith('/') || page.startsWith('//')) throw refuse(field, 'A page is a path such as /products.');
  return path.slice(0, 512);
}

export interface ConsentInput {
  visitorId: string;
  categories: ConsentCategory[];
  noticeVersion: string;
}

export function consentInput(raw: unknown): ConsentInput {
  const body = parseBody(raw);
  const visitorId = visitorIdOf(body.visitorId);
  if (!Array.isArray(body.categories)) throw refuse('categories', 'categories is a list: ANALYTICS, MARKETING, or none to withdraw.');
  const categories = new Set<ConsentCategory>();
  for (const [i, c] of body.categories.entries()) {
    if (!CONSENT_CATEGORIES.includes(c as ConsentCategory)) throw refuse(`categories.${i}`, 'A category is ANALYTICS or MARKETING.');
    categories.add(c as ConsentCategory);
  }
  if (typeof body.noticeVersion !== 'string' || !NOTICE_VERSION.test(body.noticeVersion)) {
    throw refuse('noticeVersion', 'The version of the notice shown: 1 to 40 letters, digits, dots, - or _.');
  }
  return { visitorId, categories: CONSENT_CATEGORIES.filter((c) => categories.has(c)), noticeVersion: body.noticeVersion };
}

export interface EventsInput {
  visitorId: string;
  events: Array<{ page: string; durationMs: number }>;
}

export function eventsInput(raw: unknown): EventsInput {
  const body = parseBody(raw);
  const visitorId = visitorIdOf(body.visitorId);
  if (!Array.isArray(body.events) || body.events.length === 0) throw refuse('events', 'events is a list of page views.');
  if (body.events.length > MAX_EVENTS_PER_POST) throw refuse('events', `At most ${MAX_EVENTS_PER_POST} page views at a time.`);
  const events = body.events.map((e: unknown, i: number) => {
    if (!e || typeof e !== 'object') throw refuse(`events.${i}`, 'A page view is an object with page and durationMs.');
    const { page, durationMs } = e as Body;
    if (typeof durationMs !== 'number' || !Number.isInteger(durationMs) || durationMs < 0 || durationMs > MAX_DURATION_MS) {
      throw refuse(`events.${i}.durationMs`, 'durationMs is whole milliseconds, 0 to 24 hours.');
    }
    return { page: pageOf(page, `events.${i}.page`), durationMs };
  });
  return { visitorId, events };
}

export interface ContactFormInput {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  message: string | null;
  visitorId: string | null;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The contact form: a name (first and last, or one field of both), an e-mail, optionally a phone and a message. */
export function contactFormInput(body: Body, cookieVisitorId: string | undefined): ContactFormInput {
  let firstName = text(body.firstName, 'firstName', 100);
  let lastName = text(body.lastName, 'lastName', 100);
  if (!firstName && !lastName) {
    const name = text(body.name, 'name', 201, { required: true }) as string;
    const words = name.split(/\s+/);
    if (words.length < 2) throw refuse('name', 'Give your first and last name.');
    lastName = words.pop() as string;
    firstName = words.join(' ');
  }
  if (!firstName) throw refuse('firstName', 'firstName is required.');
  if (!lastName) throw refuse('lastName', 'lastName is required.');
  const email = (text(body.email, 'email', 254, { required: true }) as string).toLowerCase();
  if (!EMAIL.test(email)) throw refuse('email', 'That is not an e-mail address.');
  const phone = text(body.phone, 'phone', 40);
  const message = text(body.message, 'message', 4000, { multiline: true });
  const given = body.visitorId ?? cookieVisitorId;
  const visitorId = given === undefined || given === null || given === '' ? null : visitorIdOf(given);
  return { firstName, lastName, email, phone, message, visitorId };
}
