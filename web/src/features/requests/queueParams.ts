import type { PrivacyRequestFilter, PrivacyRequestStatus, PrivacyRequestType } from '../../gql/graphql';
import { REQUEST_STATUSES, REQUEST_TYPES } from './labels';

/** The queue's tab and filters as they stand in the address (`?tab=IN_PROGRESS&type=ERASURE&overdue=1&assignee=me`). */
export interface QueueCriteria {
  /** `open`, `all` or one status. */
  tab: 'open' | 'all' | PrivacyRequestStatus;
  type: PrivacyRequestType | '';
  overdue: boolean;
  assignee: 'anyone' | 'me' | 'unassigned';
}

export function criteriaOf(params: URLSearchParams): QueueCriteria {
  const tab = params.get('tab');
  const type = params.get('type');
  const assignee = params.get('assignee');
  return {
    tab: tab === 'all' || REQUEST_STATUSES.includes(tab as PrivacyRequestStatus) ? (tab as QueueCriteria['tab']) : 'open',
    type: REQUEST_TYPES.includes(type as PrivacyRequestType) ? (type as PrivacyRequestType) : '',
    overdue: params.get('overdue') === '1',
    assignee: assignee === 'me' || assignee === 'unassigned' ? assignee : 'anyone',
  };
}

/** The address parameters of criteria: defaults are left out. */
export function paramsOf(criteria: QueueCriteria): Record<string, string> {
  const params: Record<string, string> = {};
  if (criteria.tab !== 'open') params.tab = criteria.tab;
  if (criteria.type) params.type = criteria.type;
  if (criteria.overdue) params.overdue = '1';
  if (criteria.assignee !== 'anyone') params.assignee = criteria.assignee;
  return params;
}

export function filterOf(criteria: QueueCriteria, myId: string | null | undefined): PrivacyRequestFilter {
  const filter: PrivacyRequestFilter = {};
  if (criteria.tab === 'open') filter.open = true;
  else if (criteria.tab !== 'all') filter.status = [criteria.tab];
  if (criteria.type) filter.type = [criteria.type];
  if (criteria.overdue) filter.overdue = true;
  if (criteria.assignee === 'me' && myId) filter.assigneeId = myId;
  if (criteria.assignee === 'unassigned') filter.unassigned = true;
  return filter;
}

export function isFiltered(criteria: QueueCriteria): boolean {
  return criteria.type !== '' || criteria.overdue || criteria.assignee !== 'anyone';
}
