import { Eta } from 'eta';
import type { NoticeLang } from './notice-content';
import type { PublishedNotice } from './privacy-notice.service';

/** P18: the public, printable notice, rendered by a template that escapes every interpolation. */
const eta = new Eta({ autoEscape: true, autoTrim: false, cache: true, useWith: false });

const NOTICE = eta.compile(`<!doctype html>
<html lang="<%= it.lang %>">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title><%= it.title %></title>
<style>body{font:11pt/1.5 system-ui,sans-serif;color:#1b1f24;max-width:48em;margin:2em auto;padding:0 1em}h2{font-size:1.1em;margin-top:1.6em;border-bottom:1px solid #ccd}.meta{color:#555}@media print{body{margin:0}}</style>
</head>
<body>
<main>
<h1><%= it.title %></h1>
<% if (it.notice) { %><p class="meta"><%= it.lang === 'fi' ? 'Laatimispäivä' : 'Drawn up' %>: <time><%= it.drawnUp %></time> · <%= it.lang === 'fi' ? 'Viimeksi muutettu' : 'Last changed' %>: <time><%= it.lastChanged %></time> · <%= it.lang === 'fi' ? 'Versio' : 'Version' %> <%= it.notice.version %></p>
<p><a href="<%= it.lang === 'fi' ? '/privacy-notice' : '/tietosuojaseloste' %>"><%= it.lang === 'fi' ? 'In English' : 'Suomeksi' %></a></p>
<% for (const s of it.notice.content[it.lang].sections) { %><section id="<%= s.key %>"><h2><%= s.title %></h2>
<% for (const p of s.paragraphs) { %><p><%= p %></p>
<% } %></section>
<% } %><% } else { %><p><%= it.lang === 'fi' ? 'Tietosuojaselostetta ei ole vielä julkaistu.' : 'The privacy notice has not been published yet.' %></p><% } %>
</main>
</body>
</html>
`);

const date = (lang: NoticeLang, d: Date) => new Intl.DateTimeFormat(lang === 'fi' ? 'fi-FI' : 'en-GB', { timeZone: 'Europe/Helsinki' }).format(d);

export function renderNotice(lang: NoticeLang, notice: PublishedNotice | null): string {
  return eta.render(NOTICE, {
    lang,
    notice,
    title: notice?.content[lang].title ?? (lang === 'fi' ? 'Tietosuojaseloste' : 'Privacy notice'),
    drawnUp: notice ? date(lang, new Date(notice.drawnUp)) : '',
    lastChanged: notice ? date(lang, new Date(notice.lastChanged)) : '',
  });
}
