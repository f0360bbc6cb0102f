import type { Actor } from '../../auth/actor';
import { DataSource as Source, type Provenance } from './provenance.model';

/**
 * P7: data a partner system delivers with its firm's API token comes from a subcontractor: that firm, whatever
 * the call says. Otherwise the source the caller gives, or `fallback` (staff entry).
 */
export function writeSourceOf(actor: Actor, given: Provenance | null | undefined, fallback: Provenance): Provenance {
  const token = actor.user.apiToken;
  if (token) return { source: Source.SUBCONTRACTOR, detail: token.partnerName };
  return given ?? fallback;
}

/** P4: customers a partner system creates are its firm's customers (the row rule `partnerId` follows the firm). */
export const deliveringFirmOf = (actor: Actor): string | null => actor.user.apiToken?.partnerId ?? null;
