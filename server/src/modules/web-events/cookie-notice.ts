import type { RetentionSettings } from '../register-config/retention';
import { CONSENT_CATEGORIES, ConsentCategory } from './web-events.model';

/**
 * P13, P18: the privacy notice's cookie section ("Evästeet"), made from what the intake really does and
 * the retention period in force, so the notice cannot promise one thing while the register does another.
 * The generated notice (modules/privacy-notice) places it; this module owns its content.
 */
export interface CookieNoticeSection {
  title: string;
  paragraphs: string[];
  /** What the cookies collect, one item each (the notice's list). */
  collected: string[];
  /** The consent categories a visitor chooses from, with what each allows. */
  categories: Array<{ category: ConsentCategory; text: string }>;
}

export interface CookieNoticeInput {
  retention: Pick<RetentionSettings, 'webEventDays'>;
  /** The company's own sites that send events (COLLECT_ALLOWED_ORIGINS); none: the intake is off. */
  sites: readonly string[];
}

const CATEGORY_TEXT: Record<ConsentCategory, { fi: string; en: string }> = {
  [ConsentCategory.ANALYTICS]: {
    fi: 'Tilastointi: sivujen käyntimäärät ja katseluajat koottuina tilastoiksi, joissa alle viiden kävijän ryhmiä ei näytetä.',
    en: 'Statistics: page visits and viewing times in aggregate statistics, where no group of fewer than five visitors is shown.',
  },
  [ConsentCategory.MARKETING]: {
    fi: 'Markkinointi: käyntejä voidaan käyttää markkinoinnin kohdentamiseen, jos käynnit on liitetty asiakkaaseen lomakkeen kautta, eikä asiakas ole kieltänyt profilointia.',
    en: 'Marketing: visits may be used to target marketing when they are linked to a customer by a form and the customer has not forbidden profiling.',
  },
};

/** The section in Finnish and English. */
export function cookieNoticeSection(input: CookieNoticeInput): { fi: CookieNoticeSection; en: CookieNoticeSection } {
  const days = input.retention.webEventDays;
  const sites = input.sites.join(', ');
  const categories = (lang: 'fi' | 'en') => CONSENT_CATEGORIES.map((category) => ({ category, text: CATEGORY_TEXT[category][lang] }));
  return {
    fi: {
      title: 'Evästeet',
      paragraphs: [
        input.sites.length > 0
          ? `Sivustollamme (${sites}) käytetään ensimmäisen osapuolen evästettä vain, jos annat siihen suostumuksen. Ennen suostumusta sinusta ei tallenneta mitään.`
          : 'Sivustoltamme ei tällä hetkellä kerätä evästetietoja rekisteriin.',
        'Suostumus tallennetaan selaimesi satunnaisella tunnisteella, valitsemillasi luokilla, ajankohdalla ja sen tietosuojaselosteen versiolla, joka sinulle näytettiin.',
        'Vierailijaa ei voida tunnistaa pelkkien evästeiden avulla. Kun täytät lomakkeen sivustollamme, selaimesi käynnit liitetään asiakastietoihisi.',
        `Käyntitiedot säilytetään ${days} päivää, minkä jälkeen ne poistetaan automaattisesti.`,
        'Voit perua suostumuksesi milloin tahansa sivuston evästeasetuksista; silloin selaimesi käyntitiedot poistetaan heti. Voit myös estää evästeet selaimesi asetuksista. Käyntisi ovat osa tarkastuspyynnön vastausta, ja ne poistetaan tietojesi poistamisen yhteydessä.',
      ],
      collected: [
        'vierailijan IP-osoite',
        'vierailun ajankohta',
        'selatut sivut (osoitteen polku, ei hakuehtoja) ja sivujen katseluajat',
        'vierailijan selain',
      ],
      categories: categories('fi'),
    },
    en: {
      title: 'Cookies',
      paragraphs: [
        input.sites.length > 0
          ? `Our web site (${sites}) uses a first-party cookie only if you consent to it. Nothing about you is stored before you consent.`
          : 'Our web site does not currently send cookie data to the register.',
        'The consent is recorded with a random identifier of your browser, the categories you chose, the time and the version of the privacy notice you were shown.',
        'A visitor cannot be identified by the cookies alone. When you fill in a form on our site, your browser’s visits are linked to your customer data.',
        `Visit data is kept for ${days} days and then deleted automatically.`,
        'You can withdraw your consent at any time in the site’s cookie settings; your browser’s visits are then deleted at once. You can also block cookies in your browser’s settings. Your visits are part of the answer to an access request, and are erased with your data.',
      ],
      collected: [
        'the visitor’s IP address',
        'the time of the visit',
        'the pages viewed (the path, no search terms) and the viewing times',
        'the visitor’s browser',
      ],
      categories: categories('en'),
    },
  };
}
