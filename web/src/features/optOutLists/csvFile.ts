/**
 * A CSV file's text. Registers hand lists out in UTF-8 or, still often, in Windows-1252: a file that
 * is not valid UTF-8 is read as the latter, so "Mäkinen" does not turn into "M�kinen".
 */
export async function readCsvFile(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Rows besides the header, for the user to check before importing (the server counts the valid ones). */
export function dataRowCount(csv: string): number {
  const lines = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  return Math.max(0, lines.length - 1);
}

/** Today as `YYYY-MM-DD` in the user's time zone. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
