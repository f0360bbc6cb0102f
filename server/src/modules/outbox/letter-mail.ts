/**
 * The e-mail a document travels in: its subject is the document's own title (the letter is written
 * in its addressee's language, so is the subject), and a short cover note in the same language.
 */

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The title of an HTML document, unescaped; null when it has none. */
export function titleOf(html: string): string | null {
  const match = /<title>([^<]*)<\/title>/i.exec(html);
  const title = match?.[1].replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]).trim();
  return title || null;
}

/** The subject of a letter: the title of its printable document, or its file name. */
export function subjectOf(documents: Array<{ contentType: string; content: Buffer; filename: string }>): string {
  for (const d of documents) {
    if (!d.contentType.startsWith('text/html')) continue;
    const title = titleOf(d.content.toString('utf8'));
    if (title) return title;
  }
  return documents[0]?.filename ?? 'Document';
}

export function coverNote(lang: string, name: string, subject: string, filenames: string[]): string {
  const files = filenames.map((f) => `  - ${f}`).join('\n');
  return lang === 'FI'
    ? `Hyvä ${name},\n\nliitteenä on asiakirja "${subject}".\n\nLiitteet:\n${files}\n\nTämä viesti on lähetetty asiakasrekisterin tietosuoja-asioiden hoitajalta.\n`
    : `Dear ${name},\n\nplease find attached "${subject}".\n\nAttachments:\n${files}\n\nThis message was sent by the data protection contact of the customer register.\n`;
}

/** The stem that groups a document with its other formats (the HTML and the PDF of one letter, a package's JSON). */
export const stemOf = (filename: string) => filename.replace(/\.[^.]*$/, '');
