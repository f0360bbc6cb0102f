import sessionDocument from '../features/auth/session.graphql?raw';
import type { LoginMutation, LoginMutationVariables, LogoutMutation, MeFieldsFragment, MeQuery } from '../gql/graphql';
import { noteRequest } from './session';

/**
 * The sign-in page's requests, before Apollo Client has loaded (issue 16: the first load is React and the sign-in
 * page; the GraphQL client, the router and the register come after someone has signed in). The text of
 * `session.graphql` goes as it is, with the operation's name: the server validates it as any document.
 * It fails as Apollo Client does, so `errors.ts` reads both alike: a GraphQL answer with errors, a server that
 * answered with an error status, or a network that did not reach it (fetch's TypeError).
 */
interface Operations {
  Me: { variables: Record<string, never>; data: MeQuery };
  Login: { variables: LoginMutationVariables; data: LoginMutation };
  Logout: { variables: Record<string, never>; data: LogoutMutation };
}

export class SessionRequestError extends Error {
  constructor(
    /** The answer's `errors`, as GraphQL formats them. */
    readonly errors: readonly { message: string; extensions?: Record<string, unknown> }[],
    /** Set when the server answered with an error status and no GraphQL answer. */
    readonly statusCode?: number,
  ) {
    super(errors[0]?.message ?? `HTTP ${statusCode}`);
    this.name = statusCode === undefined ? 'CombinedGraphQLErrors' : 'ServerError';
  }
}

export async function sessionRequest<K extends keyof Operations>(operationName: K, variables: Operations[K]['variables']): Promise<Operations[K]['data']> {
  noteRequest();
  const response = await fetch('/graphql', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ operationName, query: sessionDocument, variables }),
  });
  let body: { data?: Operations[K]['data'] | null; errors?: SessionRequestError['errors'] } | undefined;
  try {
    body = (await response.json()) as typeof body;
  } catch {
    body = undefined;
  }
  if (body?.errors?.length) throw new SessionRequestError(body.errors);
  if (!response.ok || !body?.data) throw new SessionRequestError([], response.status);
  return body.data;
}

export type Me = MeFieldsFragment;
