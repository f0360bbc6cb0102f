import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { MeDocument } from '../gql/graphql';
import { noteRequest, sessionEnded } from './session';
import { endSessionOf } from './sessionStore';

interface ClientOptions {
  /** Why the user is looking at data now; sent as `x-purpose` and written to the audit log. */
  purpose(): string | null;
  /** Whose session the client's requests go with: a late refusal of theirs does not sign out a later user. */
  userId: string;
}

/**
 * The GraphQL client. Requests are JSON POSTs to the same origin, so the httpOnly session cookie
 * goes along and Apollo Server's CSRF prevention is satisfied.
 */
export function createApolloClient(options: ClientOptions): ApolloClient {
  const purpose = new ApolloLink((operation, forward) => {
    const value = options.purpose();
    if (value) {
      operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
        headers: { ...headers, 'x-purpose': value },
      }));
    }
    return forward(operation);
  });

  // When the session ends or the server wants a password change or the commitment first,
  // read `me` again: the session gate then shows the page the user must see.
  const session = new ErrorLink(({ error, operation }) => {
    if (!CombinedGraphQLErrors.is(error) || operation.operationName === 'Me') return;
    const codes = error.errors.map((e) => e.extensions?.code);
    if (operation.operationName === 'Login') return;
    if (codes.includes('UNAUTHENTICATED')) {
      // Issue 16: the session ended under the user (idle, or ended elsewhere): keep the page's unsaved form.
      sessionEnded('ended');
      operation.client.cache.writeQuery({ query: MeDocument, data: { me: null } });
      endSessionOf(options.userId);
    } else if (codes.includes('PASSWORD_CHANGE_REQUIRED') || codes.includes('CONFIDENTIALITY_REQUIRED')) {
      void operation.client.refetchQueries({ include: [MeDocument] });
    }
  });

  // Issue 16: every request touches the session on the server; the idle warning counts from the last one.
  const activity = new ApolloLink((operation, forward) => {
    noteRequest();
    return forward(operation);
  });

  return new ApolloClient({
    link: ApolloLink.from([activity, purpose, session, new HttpLink({ uri: '/graphql', credentials: 'same-origin' })]),
    cache: new InMemoryCache({
      typePolicies: {
        // Me has no id: keep the latest answer whole.
        Query: {
          fields: {
            me: { merge: false },
            // A target list the cache holds (the build request answers its summary) is read from there first.
            targetList: {
              read: (existing, { args, toReference }) => existing ?? (args?.id ? toReference({ __typename: 'TargetList', id: args.id }) : undefined),
            },
          },
        },
        Me: { keyFields: [] },
        // The prohibitions in force have no id: each answer replaces the list whole.
        Customer: { fields: { prohibitions: { merge: false } } },
      },
    }),
  });
}
