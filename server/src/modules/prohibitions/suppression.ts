import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  customerContact,
  keepSuppressionKey,
  keptProhibitions,
  prohibitionsInForce,
  reinstateProhibitions,
  type KeptProhibition,
} from './prohibitions.repository';

/** Kinds of "no" that outlive the record (P15, P17): every marketing prohibition. */
const KEPT_KINDS = ['DIRECT_MARKETING', 'DISTANCE_SELLING', 'MARKET_AND_OPINION_RESEARCH', 'LIST_PUBLICATION', 'PROFILING'];

/**
 * Suppression that survives erasure: only keyed hashes (HMAC-SHA-256 with a server secret) of an
 * erased person's normalised email and phone are kept, with what they forbade. If the same email
 * or phone comes back in a new record, so does the prohibition.
 */
export class Suppression {
  constructor(private readonly secret: string) {}

  private key(kind: 'EMAIL' | 'PHONE', value: string): string {
    const normalised = kind === 'EMAIL' ? value.trim().toLowerCase() : value.trim();
    return createHmac('sha256', this.secret).update(`${kind}:${normalised}`).digest('base64url');
  }

  private keysOf(email: string | null | undefined, phone: string | null | undefined): Array<{ hash: string; kind: 'EMAIL' | 'PHONE' }> {
    return [
      ...(email ? [{ hash: this.key('EMAIL', email), kind: 'EMAIL' as const }] : []),
      ...(phone ? [{ hash: this.key('PHONE', phone), kind: 'PHONE' as const }] : []),
    ];
  }

  /**
   * Call before a customer is erased or anonymised: keeps the keys of their email and phone with
   * the prohibitions in force, if any. Returns how many keys were kept.
   */
  async retain(tx: EntityManager, customerId: string): Promise<number> {
    const customer = await customerContact(tx, customerId);
    if (!customer) return 0;
    const prohibitions = await prohibitionsInForce(tx, customerId, KEPT_KINDS);
    if (prohibitions.length === 0) return 0;
    const keys = this.keysOf(customer.email, customer.phone);
    for (const { hash, kind } of keys) await keepSuppressionKey(tx, hash, kind, prohibitions);
    return keys.length;
  }

  /**
   * Call when a customer's email or phone is set: prohibitions kept for that email or phone come
   * back (via EARLIER_PROHIBITION) unless already in force. Returns what was reinstated.
   */
  async reinstate(tx: EntityManager, customerId: string, email: string | null | undefined, phone: string | null | undefined): Promise<KeptProhibition[]> {
    const keys = this.keysOf(email, phone);
    if (keys.length === 0) return [];
    const wanted = new Map<string, KeptProhibition>();
    for (const p of await keptProhibitions(
      tx,
      keys.map((k) => k.hash),
    ))
      wanted.set(`${p.kind}|${p.channel ?? ''}`, p);
    if (wanted.size === 0) return [];
    for (const p of await prohibitionsInForce(tx, customerId)) wanted.delete(`${p.kind}|${p.channel ?? ''}`);
    const reinstated = [...wanted.values()];
    if (reinstated.length === 0) return [];
    await reinstateProhibitions(tx, customerId, reinstated);
    return reinstated;
  }
}
