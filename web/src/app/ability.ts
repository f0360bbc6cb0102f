import { useAbility } from '@casl/react';
import { buildAbility, unpackRules, type AppAbility } from '@rekisteri/schema';

type Rule = AppAbility['rules'][number];

/** The same ability the server enforces, from the packed rules of `me.rules`. */
export function abilityFromPackedRules(packed: unknown): AppAbility {
  return buildAbility(unpackRules(packed as Parameters<typeof unpackRules<Rule>>[0]));
}

export function useAppAbility(): AppAbility {
  return useAbility<AppAbility>();
}
