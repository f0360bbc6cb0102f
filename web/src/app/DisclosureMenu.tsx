import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';

interface Props {
  /** The id of the list the button shows and hides. */
  id: string;
  label: ReactNode;
  className: string;
  buttonTestId?: string;
  children: ReactNode;
}

/**
 * Issue 16: a button that shows a list of links or actions (the disclosure pattern, not an application menu): the
 * button tells `aria-expanded`, Escape closes the list and gives focus back to the button, the arrow keys move
 * between its items, and it closes on a navigation, a click outside or when focus leaves it.
 */
export function DisclosureMenu({ id, label, className, buttonTestId, children }: Props) {
  const { pathname } = useLocation();
  const [state, setState] = useState({ open: false, at: pathname });
  const open = state.open && state.at === pathname;
  const setOpen = (next: boolean) => setState({ open: next, at: pathname });
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setState((s) => ({ ...s, open: false }));
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const items = () => [...(root.current?.querySelectorAll<HTMLElement>(`#${id} a, #${id} button, #${id} select`) ?? [])];
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    if (event.target instanceof HTMLSelectElement) return;
    event.preventDefault();
    if (!open) setOpen(true);
    // The list shows on the next paint; then the first (or next) item takes focus.
    requestAnimationFrame(() => {
      const all = items();
      if (all.length === 0) return;
      const at = all.indexOf(document.activeElement as HTMLElement);
      const next = at < 0 ? (event.key === 'ArrowDown' ? 0 : all.length - 1) : (at + (event.key === 'ArrowDown' ? 1 : -1) + all.length) % all.length;
      all[next]?.focus();
    });
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keys come from the button and the items inside, which take focus
    <div
      ref={root}
      className={open ? `${className} disclosure open` : `${className} disclosure`}
      onKeyDown={onKeyDown}
      // An item followed (a link or a button, by mouse or keyboard: both a click) closes the list.
      onClick={(event) => {
        if ((event.target as Element).closest(`#${id} a, #${id} button`)) setOpen(false);
      }}
      onBlur={(event) => {
        if (open && event.relatedTarget && !root.current?.contains(event.relatedTarget as Node)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="disclosure-button"
        aria-expanded={open}
        aria-controls={id}
        data-testid={buttonTestId}
        onClick={() => setOpen(!open)}
      >
        {label}
        <span aria-hidden="true" className="disclosure-caret">
          ▾
        </span>
      </button>
      <div id={id} className="disclosure-list">
        {children}
      </div>
    </div>
  );
}
