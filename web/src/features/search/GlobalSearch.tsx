import { useQuery } from '@apollo/client/react';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { createSearchParams, useNavigate } from 'react-router';
import { useAppAbility } from '../../app/ability';
import { ErrorNotice } from '../../app/components';
import { useT } from '../../app/i18n';
import { customerName } from '../customers/CustomerStateMarker';
import { searchHint } from '../customers/listParams';
import { GlobalSearchQuery } from './operations';
import './search.css';

const RESULTS = 8;
const MIN_LENGTH = 2;
const DEBOUNCE_MS = 250;

/** Whether a key press is the user typing somewhere (a field, a select, an editable region), where `/` must stay a slash. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/**
 * Issue 16: find a customer from any page. `/` or Ctrl+K (⌘K) opens it (not while typing in a field);
 * the results are a list the arrow keys walk, Enter opens the customer, Escape closes and gives focus
 * back. It searches only what the user may read, as the server does: marketing neither searches by
 * phone nor sees one, and its hint does not offer it.
 */
export function GlobalSearch() {
  const t = useT();
  const ability = useAppAbility();
  const navigate = useNavigate();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [active, setActive] = useState(0);
  // Closed with Escape or its button: focus goes back to the button that opened it, once it is there again.
  const [returnFocus, setReturnFocus] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const may = (field: string) => ability.can('read', 'Customer', field);
  const allowed = ability.can('read', 'Customer');

  useEffect(() => {
    if (!allowed) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      const shortcut = (event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey) && !event.altKey;
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey;
      if (!(shortcut || slash) || typing(event.target)) return;
      event.preventDefault();
      setOpen(true);
      // Opened already: the shortcut takes the user back to its field.
      input.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [allowed]);

  useEffect(() => {
    if (open) input.current?.focus();
    else if (returnFocus) {
      trigger.current?.focus();
      setReturnFocus(false);
    }
  }, [open, returnFocus]);

  // The query follows the typing after a pause, not every key.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // A click outside closes it (focus stays where the user clicked).
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (box.current && event.target instanceof Node && !box.current.contains(event.target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const ready = open && search.length >= MIN_LENGTH;
  const { data, loading, error, refetch } = useQuery(GlobalSearchQuery, {
    skip: !ready,
    variables: {
      search,
      first: RESULTS,
      withFirstName: may('firstName'),
      withLastName: may('lastName'),
      withOrganisation: may('organisation'),
      withEmail: may('email'),
      withPhone: may('phone'),
      withCity: may('city'),
    },
  });
  if (!allowed) return null;

  const connection = ready ? data?.customers : undefined;
  const results = (connection?.edges.map((e) => e.node) ?? []).flatMap((n) => (n.id ? [{ ...n, id: n.id }] : []));
  const settled = ready && !loading && search === text.trim();
  const current = Math.min(active, Math.max(results.length - 1, 0));
  const optionId = (i: number) => `${id}-option-${i}`;

  const close = (refocus = true) => {
    setOpen(false);
    setText('');
    setSearch('');
    setActive(0);
    setReturnFocus(refocus);
  };
  const openCustomer = (customerId: string) => {
    close(false);
    void navigate(`/customers/${customerId}`);
  };
  const showAll = () => {
    const q = text.trim();
    close(false);
    void navigate({ pathname: '/customers', search: createSearchParams(q ? { q } : {}).toString() });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'ArrowDown' && results.length > 0) {
      event.preventDefault();
      setActive((current + 1) % results.length);
    } else if (event.key === 'ArrowUp' && results.length > 0) {
      event.preventDefault();
      setActive((current - 1 + results.length) % results.length);
    } else if (event.key === 'Home' && results.length > 0 && event.ctrlKey) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // The results must be those of the text as typed: Enter before they arrive goes to the full list.
      if (settled && results[current]) openCustomer(results[current].id);
      else if (text.trim()) showAll();
    }
  };

  const hint = searchHint(t, ability);
  const status = !open
    ? ''
    : text.trim().length < MIN_LENGTH
      ? t.globalSearch.typeMore
      : !settled
        ? t.globalSearch.searching
        : results.length === 0
          ? t.globalSearch.none(text.trim())
          : '';

  return (
    <div className="global-search" ref={box}>
      {!open ? (
        <button
          type="button"
          ref={trigger}
          className="global-search-open"
          onClick={() => setOpen(true)}
          aria-keyshortcuts="/ Control+K Meta+K"
          data-testid="global-search-open"
        >
          <span aria-hidden="true">⌕ </span>
          {t.globalSearch.open}
          <span className="global-search-keys" aria-hidden="true">
            {t.globalSearch.shortcut}
          </span>
        </button>
      ) : (
        <search className="global-search-panel" aria-label={t.globalSearch.dialog}>
          <label htmlFor={`${id}-input`} className="global-search-label">
            {hint}
          </label>
          <div className="global-search-row">
            <input
              id={`${id}-input`}
              ref={input}
              type="search"
              role="combobox"
              aria-expanded={results.length > 0}
              aria-controls={`${id}-results`}
              aria-autocomplete="list"
              aria-activedescendant={settled && results.length > 0 ? optionId(current) : undefined}
              aria-describedby={`${id}-instructions`}
              autoComplete="off"
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
              data-testid="global-search-input"
            />
            <button type="button" onClick={() => close()}>
              {t.globalSearch.close}
            </button>
          </div>
          <p id={`${id}-instructions`} className="hint">
            {t.globalSearch.instructions}
          </p>
          {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
          <p className="global-search-status" role="status" data-testid="global-search-status">
            {error ? '' : status}
          </p>
          <div id={`${id}-results`} role="listbox" aria-label={t.globalSearch.results} className="global-search-results" data-testid="global-search-results">
            {settled &&
              results.map((c, i) => {
                const name = customerName(t, c);
                const details = [c.organisation?.name, c.email, c.phone, c.city].filter(Boolean).join(' · ');
                return (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard chooses through the combobox (arrows and Enter)
                  <div
                    key={c.id}
                    tabIndex={-1}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === current}
                    className={i === current ? 'active' : undefined}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => openCustomer(c.id)}
                    data-testid="global-search-result"
                  >
                    <span className="global-search-name">{name || c.customerNumber}</span>
                    <span className="global-search-number">{c.customerNumber}</span>
                    {details && <span className="global-search-details">{details}</span>}
                  </div>
                );
              })}
          </div>
          {settled && connection && connection.totalCount > results.length && (
            <button type="button" className="link-button" onClick={showAll}>
              {t.globalSearch.showAll(connection.totalCountCapped ? `${connection.totalCount}+` : String(connection.totalCount))}
            </button>
          )}
        </search>
      )}
    </div>
  );
}
