import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Parser } from 'htmlparser2';
import PDFDocument from 'pdfkit';

/**
 * P14, P16: the PDF rendition of a stored document, laid out from the very HTML that was stored (and hashed), so
 * the two can never say different things. The HTML is the output of this module's own templates (templates.ts):
 * headings, paragraphs with bold runs, lists and tables, and the letterhead; that is all this lays out. The text is
 * set in DejaVu Sans, embedded (subset) in the file, so ä, ö, å and any name in a Latin, Greek or Cyrillic script
 * print as they are written.
 */

const fonts = (() => {
  const resolve = createRequire(__filename).resolve;
  return {
    regular: readFileSync(resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
})();

interface Run {
  text: string;
  bold: boolean;
}

type Block =
  | { kind: 'h1' | 'h2'; text: string }
  | { kind: 'p'; runs: Run[]; meta: boolean; preserveLines: boolean }
  | { kind: 'li'; runs: Run[] }
  | { kind: 'table'; header: string[]; rows: string[][]; numeric: boolean[] };

/** The blocks of a document, in order, from its HTML (entities decoded, whitespace as a browser shows it). */
export function documentBlocks(html: string): { title: string; lang: string; blocks: Block[] } {
  const blocks: Block[] = [];
  let title = '';
  let lang = 'fi';
  let inHead = false;
  let inTitle = false;
  let skip = 0;
  let bold = 0;
  let text: { runs: Run[]; preserveLines: boolean } | null = null;
  let table: { header: string[]; rows: string[][]; numeric: boolean[]; row: string[] | null; inHead: boolean } | null = null;
  let cell: string | null = null;
  let pending: { kind: 'h1' | 'h2' | 'p' | 'li'; meta: boolean; preserveLines: boolean } | null = null;

  const open = (kind: 'h1' | 'h2' | 'p' | 'li', cls: string) => {
    pending = { kind, meta: /\bmeta\b/.test(cls), preserveLines: /\baddressee\b/.test(cls) };
    text = { runs: [], preserveLines: pending.preserveLines };
  };
  const close = () => {
    if (!pending || !text) return;
    const runs = normalise(text.runs, text.preserveLines);
    if (runs.length > 0) {
      if (pending.kind === 'h1' || pending.kind === 'h2') blocks.push({ kind: pending.kind, text: runs.map((r) => r.text).join('') });
      else if (pending.kind === 'li') blocks.push({ kind: 'li', runs });
      else blocks.push({ kind: 'p', runs, meta: pending.meta, preserveLines: pending.preserveLines });
    }
    pending = null;
    text = null;
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const cls = attrs.class ?? '';
        if (name === 'html' && attrs.lang) lang = attrs.lang;
        if (name === 'head') inHead = true;
        if (name === 'title') inTitle = true;
        if (name === 'style' || name === 'script') skip++;
        if (inHead || skip > 0) return;
        if (name === 'h1' || name === 'h2' || name === 'h3' || name === 'p' || name === 'li') open(name === 'h3' ? 'h2' : name, cls);
        else if (name === 'strong' || name === 'b' || name === 'th') bold++;
        else if (name === 'br' && text) text.runs.push({ text: '\n', bold: false });
        if (name === 'table') table = { header: [], rows: [], numeric: [], row: null, inHead: false };
        if (table) {
          if (name === 'thead') table.inHead = true;
          if (name === 'tr') table.row = [];
          if (name === 'th' || name === 'td') {
            cell = '';
            const index = table.row?.length ?? 0;
            if (/\bnum\b/.test(cls)) table.numeric[index] = true;
          }
        }
      },
      ontext(data) {
        if (inTitle) title += data;
        if (inHead || skip > 0) return;
        if (cell !== null) cell += data;
        else if (text) text.runs.push({ text: data, bold: bold > 0 });
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (name === 'head') inHead = false;
        if (name === 'style' || name === 'script') skip--;
        if (inHead || skip > 0) return;
        if (name === 'strong' || name === 'b' || name === 'th') bold--;
        if (name === 'h1' || name === 'h2' || name === 'h3' || name === 'p' || name === 'li') close();
        if (table) {
          if ((name === 'th' || name === 'td') && cell !== null) {
            table.row?.push(cell.replace(/\s+/g, ' ').trim());
            cell = null;
          }
          if (name === 'tr' && table.row) {
            if (table.inHead) table.header = table.row;
            else table.rows.push(table.row);
            table.row = null;
          }
          if (name === 'thead') table.inHead = false;
          if (name === 'table') {
            const width = Math.max(table.header.length, ...table.rows.map((r) => r.length));
            blocks.push({ kind: 'table', header: table.header, rows: table.rows, numeric: Array.from({ length: width }, (_, i) => !!table?.numeric[i]) });
            table = null;
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return { title: title.trim(), lang, blocks };
}

/** Whitespace as a browser shows it: runs of it are one space; line breaks kept where the HTML keeps them (pre-line). */
function normalise(runs: Run[], preserveLines: boolean): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const t = preserveLines ? r.text.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n') : r.text.replace(/\s+/g, ' ');
    const last = out[out.length - 1];
    if (last && last.bold === r.bold) last.text += t;
    else out.push({ text: t, bold: r.bold });
  }
  if (out.length > 0) {
    out[0].text = out[0].text.replace(/^\s+/, '');
    out[out.length - 1].text = out[out.length - 1].text.replace(/\s+$/, '');
  }
  return out.filter((r) => r.text.length > 0);
}

const MM = 72 / 25.4;

/** The PDF of a stored HTML document: A4, the document's own title and language in the file's metadata. */
export function documentPdf(html: string): Promise<Buffer> {
  const { title, lang, blocks } = documentBlocks(html);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 20 * MM, bottom: 20 * MM, left: 22 * MM, right: 22 * MM },
      lang,
      displayTitle: true,
      info: { Title: title, Producer: 'Rekisteri', Creator: 'Rekisteri' },
      bufferPages: true,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('body', fonts.regular);
    doc.registerFont('bold', fonts.bold);
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    const left = doc.page.margins.left;
    const runs = (list: Run[], size: number, color: string, options: PDFKit.Mixins.TextOptions = {}) => {
      doc.fontSize(size).fillColor(color);
      list.forEach((r, i) => {
        doc.font(r.bold ? 'bold' : 'body').text(r.text, { ...options, width: options.width ?? width, continued: i < list.length - 1 });
      });
    };
    for (const block of blocks) {
      doc.x = left;
      if (block.kind === 'h1') {
        doc.font('bold').fontSize(16).fillColor('#1b1f24').text(block.text, { width });
        doc.moveDown(0.4);
      } else if (block.kind === 'h2') {
        if (doc.y > doc.page.height - doc.page.margins.bottom - 60) doc.addPage();
        doc.moveDown(0.6);
        doc.font('bold').fontSize(12).fillColor('#1b1f24').text(block.text, { width });
        const y = doc.y + 1;
        doc
          .moveTo(left, y)
          .lineTo(left + width, y)
          .lineWidth(0.5)
          .strokeColor('#ccccdd')
          .stroke();
        doc.moveDown(0.4);
      } else if (block.kind === 'p') {
        runs(block.runs, block.meta ? 9 : 10, block.meta ? '#555555' : '#1b1f24');
        doc.moveDown(0.5);
      } else if (block.kind === 'li') {
        doc.font('body').fontSize(10).fillColor('#1b1f24').text('•', left, doc.y, { continued: false, lineBreak: false });
        doc.y -= doc.currentLineHeight();
        doc.x = left + 5 * MM;
        runs(block.runs, 10, '#1b1f24', { width: width - 5 * MM });
        doc.moveDown(0.2);
      } else if (block.kind === 'table') {
        const header = block.header.map((h, i) => ({
          text: h,
          type: 'TH' as const,
          font: { src: 'bold', size: 8.5 },
          backgroundColor: '#f3f4f6',
          align: { x: block.numeric[i] ? ('right' as const) : ('left' as const), y: 'top' as const },
        }));
        const rows = block.rows.map((r) =>
          r.map((c, i) => ({ text: c, align: { x: block.numeric[i] ? ('right' as const) : ('left' as const), y: 'top' as const } })),
        );
        doc.font('body').fontSize(8.5).fillColor('#1b1f24');
        doc.table({
          position: { x: left, y: doc.y },
          maxWidth: width,
          defaultStyle: { border: [0, 0, 0.5, 0], borderColor: '#c8ccd2', padding: [2, 3, 2, 3] },
          data: header.length > 0 ? [header, ...rows] : rows,
        });
        doc.x = left;
        doc.moveDown(0.6);
      }
    }
    // Page numbers, once every page is laid out.
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('body')
        .fontSize(8)
        .fillColor('#777777')
        .text(`${i + 1} / ${range.count}`, left, doc.page.height - 12 * MM, { width, align: 'right', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
    doc.end();
  });
}
