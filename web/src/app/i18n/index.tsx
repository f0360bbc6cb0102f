import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Messages } from './fi';

export type Language = 'fi' | 'en';
export type { Messages };

// Each language's messages are a chunk of their own (issue 16): the first load holds only the one the user reads.
const LOADERS: Record<Language, () => Promise<Messages>> = {
  fi: () => import('./fi').then((m) => m.fi),
  en: () => import('./en').then((m) => m.en),
};
const loaded: Partial<Record<Language, Messages>> = {};

function loadMessages(language: Language): Promise<Messages> {
  const ready = loaded[language];
  if (ready) return Promise.resolve(ready);
  return LOADERS[language]().then((messages) => {
    loaded[language] = messages;
    return messages;
  });
}
const STORAGE_KEY = 'rekisteri.language';

interface I18n {
  language: Language;
  t: Messages;
  setLanguage(language: Language): void;
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
  const [shown, setShown] = useState<{ language: Language; t: Messages } | null>(null);
  useEffect(() => {
    const language = storedLanguage();
    void loadMessages(language).then((t) => setShown({ language, t }));
  }, []);
  const setLanguage = useCallback((next: Language) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still holds for this page
    }
    void loadMessages(next).then((t) => setShown({ language: next, t }));
  }, []);
  useEffect(() => {
    if (shown) document.documentElement.lang = shown.language;
  }, [shown]);
  const value = useMemo(() => (shown ? { language: shown.language, t: shown.t, setLanguage } : null), [shown, setLanguage]);
  // The messages load with the first page's other chunks: nothing is shown before they are here.
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
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
