import PDFDocument from 'pdfkit';

export interface Label {
  lines: string[];
}

const MM = 72 / 25.4;
const COLUMNS = 3;
const ROWS = 8;
const PAGE_WIDTH = 210 * MM;
const PAGE_HEIGHT = 297 * MM;
const LABEL_WIDTH = PAGE_WIDTH / COLUMNS;
const LABEL_HEIGHT = PAGE_HEIGHT / ROWS;
const PADDING = 6 * MM;

/** Mailing labels on A4 sheets of 3 x 8 (70 x 37 mm), one address per label (P5). */
export function labelsPdf(labels: Label[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: 'Osoitetarrat / Mailing labels', Producer: 'Rekisteri' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica').fontSize(10);
    labels.forEach((label, index) => {
      const slot = index % (COLUMNS * ROWS);
      if (index > 0 && slot === 0) doc.addPage();
      const x = (slot % COLUMNS) * LABEL_WIDTH + PADDING;
      const y = Math.floor(slot / COLUMNS) * LABEL_HEIGHT + PADDING;
      doc.text(label.lines.join('\n'), x, y, { width: LABEL_WIDTH - 2 * PADDING, height: LABEL_HEIGHT - 2 * PADDING, lineGap: 1, ellipsis: true });
    });
    doc.end();
  });
}
