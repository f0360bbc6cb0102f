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

/**
 * Issue 16: after a navigation, focus moves to the new page's heading, so a screen reader starts there and Tab goes
 * on from it. Not on the first page load, and never from something the user has focused inside the page meanwhile.
 * A page loads lazily: the heading is waited for (a few seconds at most).
 */
export function useFocusHeadingOnNavigation(pathname: string) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect runs once per new page, which `pathname` names
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById('main');
    if (!main) return;
    const tryFocus = () => {
      const active = document.activeElement;
      if (active && active !== document.body && main.contains(active)) return true;
      // Focus on the link just followed (or nowhere) moves to the heading. A user who has moved it elsewhere while
      // the page loads (into the search, onto a menu's button) keeps it: the heading never takes it back.
      if (active && active !== document.body && !(active instanceof HTMLAnchorElement)) return true;
      const heading = main.querySelector<HTMLElement>('h1');
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
      return true;
    };
    if (tryFocus()) return;
    const observer = new MutationObserver(() => {
      if (tryFocus()) stop();
    });
    const timer = setTimeout(() => stop(), 3000);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(main, { childList: true, subtree: true });
    return stop;
  }, [pathname]);
}
