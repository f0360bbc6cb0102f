import type { Actor } from '../auth/actor';
import type { FieldMask } from '../auth/field-mask';
import { unauthenticated } from '../errors';
import type { RequestContext } from './context';

/** The signed-in actor of a request (the auth checker has already let them through). */
export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor;
}

export function fieldMaskOf(ctx: RequestContext): FieldMask {
  if (!ctx.fieldMask) throw unauthenticated();
  return ctx.fieldMask;
}
