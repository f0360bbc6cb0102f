import { CUSTOMER_CONTACT_FIELDS, PROCESSING_PURPOSES, POLICY_REASONS, purposeText } from '@rekisteri/schema';
import { UPDATE_PROHIBITION_NOTICE } from '../address-updates/address-update.model';
import type { RegisterIdentity } from '../register-config/register-config.model';
import type { RetentionSettings } from '../register-config/retention';
import { retentionLines } from '../register-config/retention-texts';

/**
 * P18: the privacy notice, built from one source per part: the configuration (controller, contact, retention),
 * the purposes with their legal bases, the permission table's personal fields (P6), the provenance kinds in use
 * (P7), the recipients registry (P8, P9) and the purpose policy of prohibitions. Pure: the service gathers the
 * sources in one transaction and publishes what this returns.
 */

export type NoticeLang = 'fi' | 'en';

export interface NoticeSection {
  key: string;
  title: string;
  paragraphs: string[];
}

export interface NoticeText {
  title: string;
  sections: NoticeSection[];
}

export interface NoticeRecipient {
  name: string;
  kind: string;
  country: string;
  inEea: boolean;
  bases: string[];
  safeguard: string | null;
  necessity: string | null;
  /** Whatever else the registry records of a processor (DPA, sub-processors), as label and value. */
  extra: Array<[string, string]>;
}

export interface NoticeSources {
  identity: RegisterIdentity;
  retention: RetentionSettings;
  recipients: NoticeRecipient[];
  sourcesInUse: string[];
  /** P13: the cookie section's paragraphs once web events are configured; null until then. */
  cookies: Record<NoticeLang, string[]> | null;
}

/** P6: each personal field, and why it is kept. */
export const FIELD_REASONS: Readonly<Record<(typeof CUSTOMER_CONTACT_FIELDS)[number], { fi: string; en: string }>> = {
  firstName: { fi: 'Etunimi: asiakkaan tunnistaminen ja yhteydenpito', en: 'First name: identifying and addressing the customer' },
  lastName: { fi: 'Sukunimi: asiakkaan tunnistaminen ja yhteydenpito', en: 'Last name: identifying and addressing the customer' },
  organisation: { fi: 'Edustettu yhteisö: yritysasiakkaan tilaukset ja laskutus', en: 'Organisation represented: orders and invoicing of business customers' },
  email: { fi: 'Sähköpostiosoite: tilausvahvistukset ja yhteydenpito', en: 'E-mail address: order confirmations and contact' },
  phone: { fi: 'Puhelinnumero: toimitukset ja yhteydenpito', en: 'Phone number: deliveries and contact' },
  street: { fi: 'Katuosoite: toimitukset ja laskut', en: 'Street address: deliveries and invoices' },
  postalCode: { fi: 'Postinumero: toimitukset ja laskut', en: 'Postal code: deliveries and invoices' },
  city: { fi: 'Postitoimipaikka: toimitukset ja laskut', en: 'City: deliveries and invoices' },
  country: { fi: 'Maa: toimitukset ja laskut', en: 'Country: deliveries and invoices' },
  language: { fi: 'Asiointikieli: viestit asiakkaan kielellä', en: 'Language: writing to the customer in their language' },
};

export const SOURCE_TEXTS: Readonly<Record<string, { fi: string; en: string }>> = {
  STORE_PURCHASE: { fi: 'ostokset yrityksen liikkeissä', en: 'purchases in the company’s stores' },
  WEB_SHOP: { fi: 'ostokset verkkopalvelussa', en: 'purchases in the web shop' },
  RESELLER: { fi: 'ostokset jälleenmyyjillä', en: 'purchases from resellers' },
  REGISTRATION: { fi: 'asiakkaan rekisteröitymiset', en: 'the customer’s registrations' },
  CUSTOMER_NOTICE: { fi: 'asiakkaan ilmoitukset asiakassuhteen aikana', en: 'the customer’s notices during the relationship' },
  ADDRESS_UPDATE_SERVICE: { fi: 'osoitepäivitykset viranomaisilta ja päivityspalveluyrityksiltä', en: 'address updates from authorities and update services' },
  SUBCONTRACTOR: { fi: 'palveluun liittyvät alihankkijat', en: 'subcontractors of the service' },
  STAFF_ENTRY: { fi: 'asiakaspalvelun kirjaukset asiakkaan ilmoituksesta', en: 'customer service entries of what the customer told' },
  WEB_FORM: { fi: 'verkkosivujen lomakkeet', en: 'forms on the company’s web pages' },
};

const BASIS_TEXTS: Readonly<Record<string, { fi: string; en: string }>> = {
  CREDIT_DECISION: { fi: 'luottopäätös', en: 'credit decision' },
  DEBT_COLLECTION: { fi: 'perintä', en: 'debt collection' },
  INVOICING: { fi: 'laskutus', en: 'invoicing' },
  LEGAL_OBLIGATION: { fi: 'lakisääteinen velvoite', en: 'legal obligation' },
  VALUE_ADDED_SERVICE: { fi: 'lisäarvopalvelu', en: 'value-added service' },
};

const SAFEGUARD_TEXTS: Readonly<Record<string, { fi: string; en: string }>> = {
  ADEQUACY_DECISION: { fi: 'komission tietosuojan riittävyyttä koskeva päätös', en: 'an adequacy decision of the Commission' },
  STANDARD_CONTRACTUAL_CLAUSES: { fi: 'komission vakiosopimuslausekkeet', en: 'the Commission’s standard contractual clauses' },
  BINDING_CORPORATE_RULES: { fi: 'yrityksen sitovat säännöt', en: 'binding corporate rules' },
};

const line = (parts: Array<string | null | undefined>) => parts.filter((p) => p).join(', ');

export function buildNotice(src: NoticeSources, lang: NoticeLang): NoticeText {
  const fi = lang === 'fi';
  const t = (f: string, e: string) => (fi ? f : e);
  const c = src.identity.controller;
  const p = src.identity.contact;
  const party = (x: { name: string | null; address: string | null; phone: string | null; email: string | null }) =>
    line([x.name, x.address?.split('\n').join(', '), x.phone, x.email]) || t('(ei nimetty)', '(not named)');
  const processors = src.recipients.filter((r) => r.kind === 'PROCESSOR');
  const outside = src.recipients.filter((r) => !r.inEea);
  const sections: NoticeSection[] = [
    {
      key: 'controller',
      title: t('Rekisterinpitäjä', 'Controller'),
      paragraphs: [line([party(c), c.businessId ? `${t('Y-tunnus', 'business ID')} ${c.businessId}` : null])],
    },
    { key: 'contact', title: t('Yhteyshenkilö rekisteriä koskevissa asioissa', 'Contact person for the register'), paragraphs: [party(p)] },
    { key: 'name', title: t('Rekisterin nimi', 'Name of the register'), paragraphs: [t('Asiakasrekisteri', 'Customer register')] },
    {
      key: 'purposes',
      title: t('Henkilötietojen käsittelyn tarkoitus ja oikeusperuste', 'Purposes of processing and their legal bases'),
      paragraphs: [
        ...PROCESSING_PURPOSES.map((x) => purposeText(x, lang)),
        t(
          'Yritys voi käyttää asiakassuhteen ylläpitämiseen yhteistyökumppaneita, jolloin osia tiedoista voi olla kumppanin palvelimilla teknisistä syistä; kumppanit käsittelevät tietoja vain teknisten rajapintojen kautta ja vain sopimuksensa laajuudessa.',
          'Partners may maintain the customer relationship for the company; parts of the data may then sit on a partner’s servers for technical reasons; partners process data only through technical interfaces and only as far as their agreement covers.',
        ),
        t(
          'Asiakas voi kieltää tietojensa julkaisemisen luettelossa ilmoittamalla siitä asiakaspalveluun, sähköpostitse tai rekisterin yhteyshenkilölle.',
          'The customer may forbid publication of their data in lists by telling customer service, by e-mail or by telling the contact person of the register.',
        ),
      ],
    },
    {
      key: 'data',
      title: t('Rekisterin tietosisältö', 'Personal data kept'),
      paragraphs: [
        ...CUSTOMER_CONTACT_FIELDS.map((f) => FIELD_REASONS[f][lang]),
        t('Tiedot aikaisemmista tilauksista ja laskuista: tilausten käsittely ja kirjanpito', 'Earlier orders and invoices: processing orders and accounting'),
        t('Kiellot ja niiden historia: kieltojen noudattaminen', 'Prohibitions and their history: honouring them'),
        t('Kunkin tiedon lähde ja ajankohta: tietojen alkuperän osoittaminen', 'The source and time of each value: showing where data came from'),
      ],
    },
    {
      key: 'sources',
      title: t('Säännönmukaiset tietolähteet', 'Regular sources of data'),
      // P7: the update prohibition, honoured by every address-update import.
      paragraphs: [...src.sourcesInUse.map((s) => SOURCE_TEXTS[s]?.[lang] ?? s), UPDATE_PROHIBITION_NOTICE[lang]],
    },
    {
      key: 'disclosures',
      title: t('Tietojen säännönmukaiset luovutukset ja vastaanottajat', 'Regular disclosures and recipients'),
      paragraphs: [
        t(
          'Asiakasrekisterin tiedot ovat ainoastaan yrityksen käytössä. Tietoja luovutetaan vain luottopäätöstä, perintää tai laskutusta varten, lisäarvopalvelun tuottajalle tai lainsäädännön velvoittaessa.',
          'The register’s data is for the company’s own use. Data is disclosed only for a credit decision, debt collection or invoicing, to a provider of a value-added service, or when the law requires it.',
        ),
        ...src.recipients.map((r) =>
          line([
            r.name,
            r.country,
            r.kind === 'PROCESSOR' ? t('henkilötietojen käsittelijä', 'processor') : null,
            `${t('perusteet', 'bases')}: ${r.bases.map((b) => BASIS_TEXTS[b]?.[lang] ?? b).join(', ')}`,
            ...r.extra.map(([k, v]) => `${k}: ${v}`),
          ]),
        ),
      ],
    },
    {
      key: 'transfers',
      title: t('Tietojen siirto EU:n tai ETA:n ulkopuolelle', 'Transfers outside the EU/EEA'),
      paragraphs:
        outside.length === 0
          ? [t('Henkilötietoja ei siirretä EU:n tai ETA:n ulkopuolelle.', 'Personal data is not transferred outside the EU/EEA.')]
          : [
              t(
                'Henkilötietoja siirretään EU:n tai ETA:n ulkopuolelle vain, kun se on yrityksen tai sen yhteistyökumppanin teknisen toteutuksen vuoksi tarpeellista:',
                'Personal data is transferred outside the EU/EEA only where technically necessary for the company or its partner:',
              ),
              ...outside.map((r) =>
                line([
                  r.name,
                  r.country,
                  r.safeguard ? `${t('suojatoimi', 'safeguard')}: ${SAFEGUARD_TEXTS[r.safeguard]?.[lang] ?? r.safeguard}` : null,
                  r.necessity,
                ]),
              ),
            ],
    },
    {
      key: 'retention',
      title: t('Säilytysajat', 'Retention periods'),
      paragraphs: [
        ...retentionLines(src.retention).map((r) => r[lang]),
        t(
          'Rekisteröidyn tiedot hävitetään pyynnöstä, ellei lainsäädäntö, avoimet laskut tai perintätoimet estä poistamista.',
          'A person’s data is destroyed on request unless the law, open invoices or debt collection prevent it.',
        ),
      ],
    },
    {
      key: 'manual',
      title: t('Rekisterin suojauksen periaatteet A: manuaalinen aineisto', 'Security A: manual material'),
      paragraphs: [
        t(
          'Manuaalisesti käsiteltävät asiakirjat säilytetään alkukäsittelyn jälkeen lukituissa ja paloturvallisissa tiloissa. Niitä saavat käsitellä vain nimetyt, salassapitositoumuksen allekirjoittaneet työntekijät.',
          'Paper documents are kept in locked, fire-safe storage after first processing. Only designated staff who signed a confidentiality commitment may handle them.',
        ),
        // P11: what the register's paper register does (server/src/modules/paper-records).
        t(
          'Jokainen paperiasiakirja kirjataan paperiaineiston rekisteriin: mitä se on, missä lukitussa tilassa sitä säilytetään, kuka nimetty työntekijä siitä vastaa ja mihin mennessä se hävitetään. Hävittäminen kirjataan (milloin, kuka ja miten), eikä merkintää voi sen jälkeen muuttaa. Rekisteriä näkevät ja käsittelevät vain tietosuojavastaavat.',
          'Every paper document is entered in the register of paper material: what it is, in which locked storage it is kept, which designated member of staff keeps it and by when it is destroyed. Its destruction is recorded (when, by whom and how), and the record cannot be changed after that. Only privacy officers see and handle the register.',
        ),
      ],
    },
    {
      key: 'it',
      title: t('Rekisterin suojauksen periaatteet B: tietojärjestelmät', 'Security B: IT systems'),
      paragraphs: [
        t(
          'Rekisteriä saavat käyttää vain nimetyt yrityksen ja sen lukuun toimivien yritysten työntekijät. Jokaisella on oma henkilökohtainen käyttäjätunnus ja salasana, ja jokainen on allekirjoittanut salassapitositoumuksen ennen tietojen käyttöä. Järjestelmä on suojattu palomuurilla, ja tietojen katselut ja muutokset kirjataan.',
          'Only designated staff of the company and of firms acting for it may use the register. Everyone has a personal username and password and has signed a confidentiality commitment before any access. The system is protected by a firewall, and reads and changes of data are logged.',
        ),
      ],
    },
    {
      key: 'cookies',
      title: t('Evästeet', 'Cookies'),
      paragraphs: src.cookies?.[lang] ?? [
        t(
          'Verkkosivujen käyntitietoja tai evästeitä ei ole vielä otettu käyttöön; kun ne otetaan käyttöön, tämä kohta kertoo kerättävät tiedot, suostumuksen ja säilytysajan.',
          'Web events and cookies are not configured yet; once they are, this section states what is collected, the consent asked and how long it is kept.',
        ),
      ],
    },
    {
      key: 'access',
      title: t('Tarkastusoikeus', 'Right of access'),
      paragraphs: [
        t(
          `Rekisteröidyllä on oikeus tarkistaa, mitä tietoja hänestä on rekisterissä. Tarkastuspyyntö tehdään kirjallisena ja allekirjoitettuna, suomeksi tai englanniksi, yrityksen asiakaspalveluun tai rekisterin yhteyshenkilölle (${party(p)}). Vastaus annetaan kuukauden kuluessa.`,
          `You may check what data the register holds about you. Make the request in writing and signed, in Finnish or English, to customer service or the contact person of the register (${party(p)}). It is answered within one month.`,
        ),
      ],
    },
    {
      key: 'prohibitions',
      title: t('Oikeus kieltää käsittely', 'Right to forbid processing'),
      paragraphs: [
        t(
          'Rekisteröidyllä on oikeus kieltää tietojensa käsittely ja luovuttaminen suoramainontaa, etämyyntiä ja muuta suoramarkkinointia sekä markkina- ja mielipidetutkimusta varten ottamalla yhteys asiakaspalveluun. Kielto tulee voimaan heti ja koskee jokaista kohderyhmää:',
          'You may forbid processing and disclosure of your data for direct marketing, distance selling and other direct marketing, and market and opinion research, by contacting customer service. A prohibition takes effect at once and applies to every target list:',
        ),
        ...Object.values(POLICY_REASONS).map((r) => r[lang]),
      ],
    },
    {
      key: 'rectification',
      title: t('Oikeus vaatia tiedon korjaamista', 'Right to rectification'),
      paragraphs: [
        t(
          'Käsittelyn tarkoituksen kannalta virheellinen, tarpeeton, puutteellinen tai vanhentunut tieto oikaistaan, poistetaan tai täydennetään viivytyksettä. Pyynnössä yksilöidään, mitä tietoja vaaditaan korjattavaksi ja millä perusteella. Korjauksesta ilmoitetaan sille, jolta tieto on saatu tai jolle se on luovutettu.',
          'Data that is wrong, needless, incomplete or outdated for the purpose is corrected, deleted or completed without delay. The request names what is to be corrected and why. The source and the recipients of the data are told of the correction.',
        ),
        t(
          `Korjauspyynnön epäämisestä rekisterin vastuuhenkilö (${src.identity.signer.name ?? 'ei nimetty'}) antaa kirjallisen todistuksen syineen. Epäämisen voi saattaa tietosuojavaltuutetun ratkaistavaksi.`,
          `A refusal is given as a written certificate with its reasons by the person responsible for the register (${src.identity.signer.name ?? 'not named'}). It can be taken to the Data Protection Ombudsman.`,
        ),
      ],
    },
    {
      key: 'other-rights',
      title: t('Muut henkilötietojen käsittelyyn liittyvät oikeudet', 'Other rights'),
      paragraphs: [
        t(
          'Rekisteröidyllä on oikeus kieltää tietojensa luovuttaminen ja käsittely suoramainontaa ja muuta markkinointia varten, vaatia tietojen anonymisointia soveltuvin osin, vaatia käsittelyn rajoittamista, saada tietonsa koneluettavassa muodossa sekä oikeus tulla kokonaan unohdetuksi (poistopyyntö).',
          'You may forbid disclosure and processing for direct marketing and other marketing, demand anonymisation where it applies, demand restriction of processing, receive your data in a machine-readable form, and be forgotten entirely (erasure request).',
        ),
        t(
          'Jos katsotte, ettei henkilötietojenne käsittely ole lainmukaista, voitte tehdä valituksen tietosuojavaltuutetulle (Tietosuojavaltuutetun toimisto, PL 800, 00531 Helsinki, tietosuoja.fi).',
          'If you consider that the processing of your personal data is not lawful, you may lodge a complaint with the Data Protection Ombudsman (P.O. Box 800, 00531 Helsinki, Finland, tietosuoja.fi).',
        ),
      ],
    },
  ];
  if (processors.length === 0)
    sections.find((s) => s.key === 'disclosures')?.paragraphs.push(t('Henkilötietojen käsittelijöitä ei ole.', 'There are no processors.'));
  return { title: t('Asiakasrekisteri – tietosuojaseloste', 'Customer register – privacy notice'), sections };
}
