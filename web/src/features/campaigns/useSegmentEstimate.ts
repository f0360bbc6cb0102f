import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import type { SegmentInput } from '../../gql/graphql';
import { EstimateSegmentQuery } from './operations';

const DEBOUNCE_MS = 300;

/**
 * The live count of a segment being edited: asked once typing pauses, the last answer kept meanwhile.
 * k-anonymous: below 5 the server tells only "fewer than 5" (`count` null, `fewerThan` 5).
 */
export function useSegmentEstimate(segment: SegmentInput, valid: boolean) {
  const key = JSON.stringify(segment);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const { data, previousData, loading, error } = useQuery(EstimateSegmentQuery, {
    variables: { segment: JSON.parse(settled) as SegmentInput },
    skip: !valid,
  });
  const latest = data ?? previousData;
  return {
    estimate: latest?.estimateSegment ?? null,
    pending: loading || settled !== key,
    error: valid ? error : undefined,
  };
}
