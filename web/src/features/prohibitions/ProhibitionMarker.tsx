import { Link } from 'react-router';
import { useT } from '../../app/i18n';
import type { ProhibitionFieldsFragment, ProhibitionKind } from '../../gql/graphql';
import { channelLabel, KINDS, kindLabel } from './labels';

/**
 * P15: beside the customer's name, every kind of "no" in force, so nobody contacts them by mistake.
 * Each links to the prohibitions tab.
 */
export function ProhibitionMarker({ prohibitions }: { prohibitions: readonly ProhibitionFieldsFragment[] | null | undefined }) {
  const t = useT();
  if (!prohibitions || prohibitions.length === 0) return null;
  const byKind = new Map<ProhibitionKind, ProhibitionFieldsFragment[]>();
  for (const p of prohibitions) {
    if (!p.kind) continue;
    byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  }
  const kinds = KINDS.filter((k) => byKind.has(k));
  return (
    <ul className="prohibition-marker" aria-label={t.prohibitions.marker} data-testid="prohibition-marker">
      {kinds.map((kind) => {
        const entries = byKind.get(kind) ?? [];
        // A prohibition on all channels covers the channel-specific ones.
        const channels = entries.some((p) => !p.channel) ? [null] : entries.map((p) => p.channel);
        const where = channels.map((c) => channelLabel(t, c)).join(', ');
        return (
          <li key={kind}>
            <Link to="?tab=prohibitions" className="status status-prohibition" data-testid={`prohibition-marker-${kind}`}>
              {kindLabel(t, kind)}
              <span className="marker-channels"> · {where}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
