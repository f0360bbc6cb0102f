/**
 * Issue 16: the client's view of the session's idle time, and the draft of a form the session ended under.
 *
 * Every request the client sends touches the session on the server, so the time of the last one tells when the
 * session would end for inactivity. When it ends (the client signs out at that time, or the server answers
 * UNAUTHENTICATED), the fields of the forms on the page are kept in sessionStorage for the same user and page, and
 * put back after they sign in again. A deliberate sign-out clears sessionStorage, and the draft with it.
 */
let lastRequestAt = Date.now();

export function noteRequest(): void {
  lastRequestAt = Date.now();
}

export function lastRequest(): number {
  return lastRequestAt;
}

const ENDED_KEY = 'rekisteri.sessionEnded';
const DRAFT_KEY = 'rekisteri.draft';
/** Whose session it was: set while a user is signed in, so a draft is given back only to them. */
let currentUser: string | null = null;

export function setSessionUser(userId: string | null): void {
  currentUser = userId;
}

export type EndReason = 'idle' | 'ended';

interface Draft {
  user: string;
  path: string;
  fields: { key: string; value: string; checked?: boolean }[];
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
const SKIPPED = new Set(['password', 'file', 'hidden', 'submit', 'button']);

function fieldsOnPage(): Map<string, Field> {
  const found = new Map<string, Field>();
  const all = document.querySelectorAll<Field>('#main form input, #main form textarea, #main form select');
  all.forEach((field, index) => {
    if (field instanceof HTMLInputElement && SKIPPED.has(field.type)) return;
    const key = field.id || field.name || `#${index}`;
    found.set(key, field);
  });
  return found;
}

/** The session has ended: what the page's forms hold is kept for the same user, and the sign-in page says why. */
export function sessionEnded(reason: EndReason, idleMinutes?: number): void {
  if (!currentUser) return;
  sessionStorage.setItem(ENDED_KEY, JSON.stringify({ reason, idleMinutes }));
  const fields = [...fieldsOnPage()].map(([key, field]) =>
    field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')
      ? { key, value: field.value, checked: field.checked }
      : { key, value: field.value },
  );
  if (fields.length === 0) return;
  const draft: Draft = { user: currentUser, path: window.location.pathname + window.location.search, fields };
  sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
}

/** Why the user must sign in again, if their session ended (read once by the sign-in page). */
export function endReason(): { reason: EndReason; idleMinutes: number; draft: boolean } | null {
  try {
    const ended = JSON.parse(sessionStorage.getItem(ENDED_KEY) ?? 'null') as { reason?: string; idleMinutes?: number } | null;
    if (ended?.reason !== 'idle' && ended?.reason !== 'ended') return null;
    return { reason: ended.reason, idleMinutes: ended.idleMinutes ?? 0, draft: sessionStorage.getItem(DRAFT_KEY) !== null };
  } catch {
    return null;
  }
}

/** Sets a field's value as typing would, so React's state follows. */
function fill(field: Field, saved: Draft['fields'][number]): void {
  if (field instanceof HTMLInputElement && saved.checked !== undefined) {
    if (field.checked !== saved.checked) field.click();
    return;
  }
  const prototype = Object.getPrototypeOf(field) as object;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, saved.value);
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

/**
 * After signing in again: the draft of this user and page goes back into its fields once they show (a page loads
 * lazily). Another user's draft is dropped unread. Calls `restored` when something was put back.
 */
export function restoreDraft(userId: string, restored: () => void): () => void {
  sessionStorage.removeItem(ENDED_KEY);
  const raw = sessionStorage.getItem(DRAFT_KEY);
  if (!raw) return () => undefined;
  let draft: Draft;
  try {
    draft = JSON.parse(raw) as Draft;
  } catch {
    sessionStorage.removeItem(DRAFT_KEY);
    return () => undefined;
  }
  if (draft.user !== userId) {
    sessionStorage.removeItem(DRAFT_KEY);
    return () => undefined;
  }
  const tryFill = () => {
    if (window.location.pathname + window.location.search !== draft.path) return false;
    const fields = fieldsOnPage();
    const present = draft.fields.filter((f) => fields.has(f.key));
    if (present.length === 0) return false;
    for (const saved of present) fill(fields.get(saved.key) as Field, saved);
    sessionStorage.removeItem(DRAFT_KEY);
    restored();
    return true;
  };
  if (tryFill()) return () => undefined;
  const observer = new MutationObserver(() => {
    if (tryFill()) stop();
  });
  const timer = setTimeout(() => stop(), 30_000);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
  return stop;
}
