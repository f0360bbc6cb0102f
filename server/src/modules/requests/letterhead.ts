import type { RegisterIdentity } from '../register-config/register-config.model';
import { RIGHTS_TEXT } from './document-texts';
import { documentTemplate } from './templates';

/**
 * P18, GDPR 13(1)(a), 12(4): every printable document the register sends names the controller and the contact
 * person, lists the person's rights and the right to complain to the Data Protection Ombudsman. It is added when
 * the document is stored, from the configuration in force in that transaction, so no kind of letter can miss it.
 */
const LETTERHEAD = documentTemplate<{ fi: boolean; who: RegisterIdentity; rights: string }>(
  `<footer class="letterhead">
<h2><%= it.fi ? 'Rekisterinpitäjä ja yhteystiedot' : 'Controller and contact' %></h2>
<% const c = it.who.controller; const p = it.who.contact; %>
<p><strong><%= it.fi ? 'Rekisterinpitäjä' : 'Controller' %>:</strong> <%= c.name ?? (it.fi ? '(ei nimetty)' : '(not named)') %><% if (c.businessId) { %>, <%= it.fi ? 'Y-tunnus' : 'business ID' %> <%= c.businessId %><% } %><% if (c.address) { %>, <%= c.address.split('\\n').join(', ') %><% } %><% if (c.phone) { %>, <%= c.phone %><% } %><% if (c.email) { %>, <%= c.email %><% } %></p>
<% if (p.name) { %><p><strong><%= it.fi ? 'Yhteyshenkilö rekisteriä koskevissa asioissa' : 'Contact person for the register' %>:</strong> <%= p.name %><% if (p.phone) { %>, <%= p.phone %><% } %><% if (p.email) { %>, <%= p.email %><% } %></p><% } %>
<% if (it.who.signer.name) { %><p><strong><%= it.fi ? 'Rekisterin vastuuhenkilö' : 'Person responsible for the register' %>:</strong> <%= it.who.signer.name %><% if (it.who.signer.title) { %>, <%= it.who.signer.title %><% } %></p><% } %>
<p><strong><%= it.fi ? 'Oikeutenne' : 'Your rights' %>:</strong> <%= it.rights %></p>
</footer>
`,
);

/** The document with its letterhead before the end of its body; a document that is not HTML is left as it is. */
export function withLetterhead(html: string, fi: boolean, who: RegisterIdentity): string {
  const end = html.lastIndexOf('</body>');
  if (end < 0) return html;
  return html.slice(0, end) + LETTERHEAD.render({ fi, who, rights: RIGHTS_TEXT[fi ? 'fi' : 'en'] }) + html.slice(end);
}
