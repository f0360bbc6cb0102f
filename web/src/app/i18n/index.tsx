import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Messages } from './fi';
import { type MessagePart, PAGE_SECTIONS, SHELL_SECTIONS } from './parts';

export type Language = 'fi' | 'en';
export type { Messages };

// Each language's messages are chunks of their own (issue 16), in parts (parts.ts): the first load holds the shell's
// part of the language the user reads, the rest loads once someone has signed in, and the texts of a few pages with
// those pages.
const LOADERS: Record<Language, Record<MessagePart, () => Promise<object>>> = {
  fi: {
    shell: () => import('./fi?part=shell').then((m) => m.fi),
    rest: () => import('./fi?part=rest').then((m) => m.fi),
    pages: () => import('./fi?part=pages').then((m) => m.fi),
  },
  en: {
    shell: () => import('./en?part=shell').then((m) => m.en),
    rest: () => import('./en?part=rest').then((m) => m.en),
    pages: () => import('./en?part=pages').then((m) => m.en),
  },
};
const PARTS: readonly MessagePart[] = ['shell', 'rest', 'pages'];
const loading = new Map<string, Promise<object>>();
const loaded = new Map<string, object>();
/** The parts wanted: a language chosen later loads them all before it is shown. */
const wanted = new Set<MessagePart>(['shell']);
/** The language being shown or loaded to be shown. */
let current: Language = 'fi';

function loadPart(language: Language, part: MessagePart): Promise<object> {
  const key = `${language}:${part}`;
  let promise = loading.get(key);
  if (!promise) {
    promise = LOADERS[language][part]().then((messages) => {
      loaded.set(key, messages);
      return messages;
    });
    // A failed load (the network) is tried again next time.
    promise.catch(() => loading.delete(key));
    loading.set(key, promise);
  }
  return promise;
}

function partOf(section: string): MessagePart {
  if ((SHELL_SECTIONS as readonly string[]).includes(section)) return 'shell';
  return (PAGE_SECTIONS as readonly string[]).includes(section) ? 'pages' : 'rest';
}

/**
 * Loads a part of the messages in the language shown (and in any chosen later): a page whose texts are in the part
 * `pages` loads it with its code (routes.tsx), so it never waits for them once shown.
 */
export function loadMessagePart(part: MessagePart): Promise<unknown> {
  wanted.add(part);
  return loadPart(current, part);
}

/**
 * The messages of a language from the parts loaded. A section of a part not loaded yet suspends the page asking for it
 * (`onMissing` loads that part), so a page never shows a missing text.
 */
function messagesOf(language: Language, onMissing: (part: MessagePart) => Promise<unknown>): Messages {
  return new Proxy({} as Record<string, unknown>, {
    get(_, key) {
      if (typeof key === 'symbol') return undefined;
      const part = partOf(key);
      const messages = loaded.get(`${language}:${part}`) as Record<string, unknown> | undefined;
      if (messages) return messages[key];
      throw onMissing(part);
    },
    has(_, key) {
      return typeof key === 'string' && loaded.has(`${language}:${partOf(key)}`);
    },
  }) as unknown as Messages;
}

const STORAGE_KEY = 'rekisteri.language';

interface I18n {
  language: Language;
  t: Messages;
  setLanguage(language: Language): void;
  /** Whether every page's texts are here, not only the shell's. */
  complete: boolean;
  /** Loads every page's texts (the rest of the language), in this language and in any chosen later. */
  loadAll(): Promise<unknown>;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fi';
  } catch {
    return 'fi'; // storage blocked: the default
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  // The language shown: it changes once its messages have loaded, so the page never shows a half-translated state.
  const [shown, setShown] = useState<{ language: Language; complete: boolean } | null>(null);
  const show = useCallback((language: Language) => {
    current = language;
    const parts = PARTS.filter((part) => wanted.has(part));
    return Promise.all(parts.map((part) => loadPart(language, part))).then(() => {
      if (current === language) setShown({ language, complete: wanted.has('rest') });
    });
  }, []);
  const load = useCallback(
    (part: MessagePart) => {
      wanted.add(part);
      return show(current);
    },
    [show],
  );
  const loadAll = useCallback(() => load('rest'), [load]);
  useEffect(() => {
    void show(storedLanguage());
  }, [show]);
  const setLanguage = useCallback(
    (next: Language) => {
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // not persisted; the choice still holds for this page
      }
      void show(next);
    },
    [show],
  );
  useEffect(() => {
    if (shown) document.documentElement.lang = shown.language;
  }, [shown]);
  const value = useMemo(
    () => (shown ? { language: shown.language, complete: shown.complete, t: messagesOf(shown.language, load), setLanguage, loadAll } : null),
    [shown, setLanguage, load, loadAll],
  );
  // The messages load with the first page's other chunks: nothing is shown before they are here.
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Its children once every page's texts are here (issue 16: after sign-in); `fallback` while they load. */
export function AllMessages({ fallback, children }: { fallback: ReactNode; children: ReactNode }) {
  const { complete, loadAll } = useI18n();
  useEffect(() => {
    if (!complete) void loadAll();
  }, [complete, loadAll]);
  return complete ? children : fallback;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The messages of the user's language. */
export function useT(): Messages {
  return useI18n().t;
}
