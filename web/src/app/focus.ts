import { useEffect, useRef } from 'react';

/**
 * Focus for a step the user opened (a form, a confirmation): it moves to the given element when
 * `open` becomes true, because the user asked for the step, never on page load.
 */
export function useFocusWhen<T extends HTMLElement>(open = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (open) ref.current?.focus();
  }, [open]);
  return ref;
}
