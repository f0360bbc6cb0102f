import { Eta } from 'eta';
import { RequestLanguage, type Lang } from './request.model';

/**
 * The presenter of every document of a request (letters, certificates, notices, access packages):
 * a typed view model rendered by an Eta template that escapes every interpolation by default
 * (`<%= %>`). Raw output (`<%~ %>`) is only ever the output of another template here.
 */
const eta = new Eta({ autoEscape: true, autoTrim: false, cache: true, useWith: false });

const PAGE = `<!doctype html>
<html lang="<%= it.lang === 'FI' ? 'fi' : 'en' %>">
<head>
<meta charset="utf-8">
<title><%= it.title %></title>
<style>
  body { font: 11pt/1.45 system-ui, sans-serif; color: #1b1f24; max-width: 60em; margin: 2em auto; padding: 0 1em; }
  h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.8em; border-bottom: 1px solid #ccd; }
  table { border-collapse: collapse; width: 100%; margin: .5em 0; }
  th, td { text-align: left; padding: .2em .5em; border-bottom: 1px solid #e3e5e8; vertical-align: top; }
  th { background: #f3f4f6; }
  .meta { color: #555; }
  .num { text-align: right; white-space: nowrap; }
  .addressee { white-space: pre-line; margin-bottom: 1.5em; }
  @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<% if (it.addressee) { %><p class="addressee"><%= it.addressee.name %><% if (it.addressee.postalAddress) { %>
<%= it.addressee.postalAddress %><% } %></p>
<% } %><%~ it.body %>
</body>
</html>
`;

/** Every refusal or partial answer tells the requester where to turn (GDPR 12(4)). */
const OMBUDSMAN = `<% if (it.lang === 'FI') { %><h2>Oikeussuojakeinot</h2>
<p>Jos katsotte, ettei henkilötietojenne käsittely ole lainmukaista, voitte saattaa asian tietosuojavaltuutetun
ratkaistavaksi (Tietosuojavaltuutetun toimisto, PL 800, 00531 Helsinki, tietosuoja.fi) tai hakea muutosta
tuomioistuimelta.</p><% } else { %><h2>Your remedies</h2>
<p>If you consider that the processing of your personal data is not lawful, you may lodge a complaint with the
Data Protection Ombudsman (Office of the Data Protection Ombudsman, P.O. Box 800, 00531 Helsinki, Finland,
tietosuoja.fi) or take the matter to court.</p><% } %>`;

eta.loadTemplate('@page', PAGE);
eta.loadTemplate('@ombudsman', OMBUDSMAN);

/** Whom a printed letter is addressed to, shown above its title. */
export interface PageAddressee {
  name: string;
  postalAddress: string | null;
}

/** A compiled template of a document's body, taking the view model `T`. */
export type DocumentTemplate<T extends object> = { render(data: T): string };

/** Compiles a body template once (at module load); `include('@ombudsman', { lang })` adds the remedies. */
export function documentTemplate<T extends object>(source: string): DocumentTemplate<T> {
  const fn = eta.compile(source);
  return { render: (data: T) => eta.render(fn, data) };
}

/** A self-contained printable HTML page around a rendered body. */
export function page(lang: Lang, title: string, body: string, addressee?: PageAddressee | null): string {
  return eta.render('@page', { lang: lang === RequestLanguage.FI ? 'FI' : 'EN', title, body, addressee: addressee ?? null });
}
