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

// Issue 16: after a failed submit, focus goes to the first invalid field of the form, whichever form it is.
// A field error that appears (or a form submitted again) asks for it; the asks of one render are answered once.
let submitted: HTMLFormElement | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener(
    'submit',
    (event) => {
      if (event.target instanceof HTMLFormElement) submitted = event.target;
    },
    true,
  );
}
const asked = new Set<HTMLElement>();

function focusFirstInvalid() {
  const roots = [...asked];
  asked.clear();
  for (const root of roots) {
    const first = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first && document.activeElement !== first) first.focus();
  }
}

/** Called by a field's error when it shows: the form's first invalid field takes focus. */
export function useFocusOnFieldError(errorId: string, message: string) {
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const element = document.getElementById(errorId);
    const root = element?.closest('form') ?? element?.closest('section') ?? null;
    if (!root) return;
    const isNew = shown.current !== message;
    const resubmitted = submitted !== null && submitted === root;
    shown.current = message;
    if (!isNew && !resubmitted) return;
    if (resubmitted) submitted = null;
    if (asked.size === 0) queueMicrotask(focusFirstInvalid);
    asked.add(root as HTMLElement);
  });
}
