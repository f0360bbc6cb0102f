import type { Actor } from '../auth/actor';
import type { FieldMask } from '../auth/field-mask';
import { unauthenticated } from '../errors';

/**
 * The signed-in actor of a request (the auth checker has already let them through). Takes the
 * context's shape, not its type, because the context is built with it.
 */
export function actorOf(ctx: { actor: Actor | null }): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}

export function fieldMaskOf(ctx: { fieldMask: FieldMask | null }): FieldMask {
  if (!ctx.fieldMask) throw unauthenticated();
  return ctx.fieldMask;
}
