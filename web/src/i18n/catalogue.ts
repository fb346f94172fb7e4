export type Lang = 'id' | 'en';

/** One message in both languages, side by side, so that neither can be left out. */
export interface Message {
  id: string;
  en: string;
}

/** Messages grouped by page or area; the keys become i18next keys (`loans.tabs.simulate`). */
export interface Catalogue {
  [key: string]: Message | Catalogue;
}

export type Strings = { [key: string]: string | Strings };

const isMessage = (v: Message | Catalogue): v is Message =>
  typeof v.id === 'string' && typeof v.en === 'string';

/** The catalogue in one language, as i18next reads its resources. */
export function inLanguage(catalogue: Catalogue, lang: Lang): Strings {
  return Object.fromEntries(
    Object.entries(catalogue).map(([k, v]) => [k, isMessage(v) ? v[lang] : inLanguage(v, lang)]),
  );
}
