import type { ErasureItemRow } from './erasure.repository';
import { escapeHtml, htmlPage, ombudsmanRoute, type DocumentDates, type Lang } from './documents';
import type { RectificationItemRow } from './rectification.repository';
import type { HoldReason } from './request.model';
import type { PrivacyRequestRow } from './requests.repository';

/** What a letter says of the request it answers. */
type RequestHeader = Pick<PrivacyRequestRow, 'request_number' | 'requester_name' | 'received_at' | 'type'>;

/**
 * The letters a request's answer is made of, in the requester's language (FI or EN), dated on the
 * company's calendar (`dates`, in `TIME_ZONE`). Each one that refuses or holds anything tells
 * where to turn: the Data Protection Ombudsman or a court.
 */

/** GDPR 12(3): more time, and why. */
export function extensionNotice(dates: DocumentDates, lang: Lang, row: RequestHeader, until: Date, reason: string): string {
  const fi = lang === 'FI';
  const title = fi ? `Pyyntönne ${row.request_number} käsittelyaikaa jatketaan` : `More time for your request ${row.request_number}`;
  const body = fi
    ? `<h1>${escapeHtml(title)}</h1>
<p>Hyvä ${escapeHtml(row.requester_name)},</p>
<p>vastaanotimme pyyntönne ${dates.format(lang, row.received_at)}. Tietosuoja-asetuksen 12 artiklan 3 kohdan nojalla jatkamme
vastausaikaa enintään kahdella kuukaudella. Vastaamme viimeistään ${dates.format(lang, until)}.</p>
<p><strong>Syy:</strong> ${escapeHtml(reason)}</p>`
    : `<h1>${escapeHtml(title)}</h1>
<p>Dear ${escapeHtml(row.requester_name)},</p>
<p>we received your request on ${dates.format(lang, row.received_at)}. Under Article 12(3) GDPR we extend the time to answer
by at most two further months. We will answer by ${dates.format(lang, until)}.</p>
<p><strong>Reason:</strong> ${escapeHtml(reason)}</p>`;
  return htmlPage(lang, title, body + ombudsmanRoute(lang));
}

export function refusalNotice(dates: DocumentDates, lang: Lang, row: RequestHeader, reason: string, now: Date): string {
  const fi = lang === 'FI';
  const title = fi ? `Päätös pyyntöönne ${row.request_number}` : `Decision on your request ${row.request_number}`;
  const body = fi
    ? `<h1>${escapeHtml(title)}</h1><p class="meta">${dates.format(lang, now)}</p>
<p>Hyvä ${escapeHtml(row.requester_name)},</p><p>emme voi toteuttaa pyyntöänne.</p><p><strong>Perustelut:</strong> ${escapeHtml(reason)}</p>`
    : `<h1>${escapeHtml(title)}</h1><p class="meta">${dates.format(lang, now)}</p>
<p>Dear ${escapeHtml(row.requester_name)},</p><p>we cannot carry out your request.</p><p><strong>Reasons:</strong> ${escapeHtml(reason)}</p>`;
  return htmlPage(lang, title, body + ombudsmanRoute(lang));
}

/** P16: the written answer to a rectification that was refused in whole or in part. */
export function rectificationCertificate(
  dates: DocumentDates,
  lang: Lang,
  row: RequestHeader,
  items: Array<Pick<RectificationItemRow, 'field' | 'proposed_value' | 'decision' | 'decision_reason'>>,
  now: Date,
): string {
  const fi = lang === 'FI';
  const title = fi ? `Päätös oikaisupyyntöönne ${row.request_number}` : `Decision on your rectification request ${row.request_number}`;
  const rows = items
    .map(
      (it) =>
        `<tr><td>${escapeHtml(it.field)}</td><td>${escapeHtml(it.proposed_value)}</td><td>${
          it.decision === 'APPROVED' ? (fi ? 'Korjattu' : 'Corrected') : fi ? 'Ei korjattu' : 'Not corrected'
        }</td><td>${escapeHtml(it.decision_reason ?? '')}</td></tr>`,
    )
    .join('');
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="meta">${dates.format(lang, now)}</p>
<p>${fi ? 'Hyvä' : 'Dear'} ${escapeHtml(row.requester_name)},</p>
<p>${
    fi
      ? `olette pyytäneet ${dates.format(lang, row.received_at)} tietojenne oikaisemista. Alla on päätös jokaisesta kohdasta perusteluineen.`
      : `on ${dates.format(lang, row.received_at)} you asked us to correct your data. Below is the decision on each item, with the reasons.`
  }</p>
<table><thead><tr><th>${fi ? 'Tieto' : 'Field'}</th><th>${fi ? 'Pyydetty arvo' : 'Value asked for'}</th><th>${fi ? 'Päätös' : 'Decision'}</th><th>${
    fi ? 'Perustelut' : 'Reasons'
  }</th></tr></thead><tbody>${rows}</tbody></table>`;
  return htmlPage(lang, title, body + ombudsmanRoute(lang));
}

const REASON_TEXT: Record<HoldReason, { fi: string; en: string }> = {
  OPEN_INVOICE: { fi: 'avoin lasku', en: 'an open invoice' },
  IN_COLLECTION: { fi: 'lasku perinnässä', en: 'an invoice in debt collection' },
  ACCOUNTING_RETENTION: { fi: 'kirjanpitolain säilytysvelvollisuus (2:10)', en: 'the Accounting Act retention duty (2:10)' },
  LEGAL_OBLIGATION: { fi: 'lakisääteinen velvoite (osoitusvelvollisuus)', en: 'a legal obligation (accountability)' },
};

const TABLE_TEXT: Record<string, { fi: string; en: string }> = {
  customers: { fi: 'Yhteystiedot ja tunnistetiedot', en: 'Contact and identity data' },
  customer_provenance: { fi: 'Tietojen lähteet', en: 'Sources of the data' },
  prohibition_events: {
    fi: 'Kieltohistoria (kiellot säilyvät tunnistamattomina tiivisteinä)',
    en: 'Prohibition ledger (prohibitions kept as non-identifying hashes)',
  },
  target_list_exports: { fi: 'Markkinointiluettelotiedostot', en: 'Marketing list files' },
  target_list_members: { fi: 'Markkinoinnin kohderyhmät', en: 'Marketing target lists' },
  target_list_exclusions: { fi: 'Markkinoinnin poissulkemiset', en: 'Marketing exclusions' },
  audit_events: { fi: 'Muutoslokin arvot', en: 'Values in the change log' },
  disclosures: { fi: 'Luovutusloki (ilman tunnistetietoja)', en: 'Disclosure ledger (without identity)' },
  orders: { fi: 'Tilaukset', en: 'Orders' },
  invoices: { fi: 'Laskut', en: 'Invoices' },
  privacy_requests: { fi: 'Tietosuojapyyntönne ja vastauksemme', en: 'Your data protection requests and our answers' },
};

/** The written answer: what was done and, for anything held, why and until when. */
export function erasureReply(
  dates: DocumentDates,
  lang: Lang,
  row: RequestHeader,
  items: Array<Pick<ErasureItemRow, 'table_name' | 'action' | 'reason' | 'until' | 'row_count'>>,
  now: Date,
): string {
  const fi = lang === 'FI';
  const erasure = row.type === 'ERASURE';
  const title = fi
    ? `${erasure ? 'Poistopyyntönne' : 'Anonymisointipyyntönne'} ${row.request_number}`
    : `Your ${erasure ? 'erasure' : 'anonymisation'} request ${row.request_number}`;
  const action = (i: (typeof items)[number]) => {
    if (i.action === 'ERASE') return fi ? 'Poistettu' : 'Erased';
    if (i.action === 'ANONYMISE') return fi ? 'Anonymisoitu' : 'Anonymised';
    const reason = REASON_TEXT[i.reason as HoldReason][fi ? 'fi' : 'en'];
    const until = i.until ? ` ${fi ? 'saakka' : 'until'} ${dates.format(lang, i.until)}` : '';
    return fi ? `Säilytetään${until}: ${reason}` : `Kept${until}: ${reason}`;
  };
  const rows = items
    .map(
      (i) =>
        `<tr><td>${escapeHtml(TABLE_TEXT[i.table_name]?.[fi ? 'fi' : 'en'] ?? i.table_name)}</td><td>${i.row_count}</td><td>${escapeHtml(action(i))}</td></tr>`,
    )
    .join('');
  const held = items.some((i) => i.action === 'HOLD' && i.table_name !== 'privacy_requests');
  const body = `<h1>${escapeHtml(title)}</h1>
<p class="meta">${dates.format(lang, now)}</p>
<p>${fi ? 'Hyvä' : 'Dear'} ${escapeHtml(row.requester_name)},</p>
<p>${
    fi
      ? `olemme käsitelleet ${dates.format(lang, row.received_at)} saapuneen pyyntönne. Alla on, mitä tiedoillenne on tehty.`
      : `we have handled your request received on ${dates.format(lang, row.received_at)}. Below is what was done with your data.`
  }</p>
<table><thead><tr><th>${fi ? 'Tiedot' : 'Data'}</th><th>${fi ? 'Rivejä' : 'Rows'}</th><th>${fi ? 'Toimenpide' : 'Action'}</th></tr></thead><tbody>${rows}</tbody></table>
${
  held
    ? `<p>${
        fi
          ? 'Säilytettävät tiedot poistetaan tai anonymisoidaan automaattisesti, kun säilytyksen peruste päättyy. Niitä ei sillä välin käytetä markkinointiin.'
          : 'What is kept is erased or anonymised automatically when the reason to keep it ends. Meanwhile it is not used for marketing.'
      }</p>`
    : ''
}`;
  return htmlPage(lang, title, body + ombudsmanRoute(lang));
}
