import { useSyncExternalStore } from 'react';
import { type Me, sessionRequest } from './sessionClient';

/**
 * Who is signed in, as the session gate decides from it (issue 16): read once at start with a plain request, set by
 * the sign-in page, and kept in step with Apollo Client's cache once the register has loaded (its `me` changes on a
 * password change, the commitment, a sign-out or a session the server ended).
 */
export type SessionState = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; me: Me | null };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function publish(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function setMe(me: Me | null): void {
  if (state.status === 'ready' && state.me === me) return;
  publish({ status: 'ready', me });
}

/**
 * The session of `userId` has ended (the server said so, or the idle timeout): the gate shows the sign-in page. An
 * answer that comes late for a user no longer signed in here (someone else has signed in since) changes nothing.
 */
export function endSessionOf(userId: string): void {
  if (state.status === 'ready' && state.me && (state.me.user.id ?? '') === userId) setMe(null);
}

/** Asks the server who the session belongs to (at start, and on retry after a failure). */
export async function loadMe(): Promise<void> {
  if (state.status !== 'loading') publish({ status: 'loading' });
  try {
    setMe((await sessionRequest('Me', {})).me ?? null);
  } catch (error) {
    publish({ status: 'error', error });
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, () => state);
}
