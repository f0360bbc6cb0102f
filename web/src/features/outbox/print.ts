/**
 * Prints a document of a request as the server stores it: fetched with the session cookie (the
 * download is checked and audited like any other), shown in a hidden frame and handed to the
 * browser's print dialog. The frame runs no scripts.
 */
export async function printDocument(documentId: string): Promise<void> {
  const response = await fetch(`/documents/${documentId}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const html = await response.text();
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-modals allow-same-origin');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.title = 'print';
  document.body.appendChild(frame);
  await new Promise<void>((resolve) => {
    frame.addEventListener('load', () => resolve(), { once: true });
    frame.srcdoc = html;
  });
  frame.contentWindow?.focus();
  frame.contentWindow?.print();
  // The dialog blocks until closed in most browsers; the frame goes after it.
  setTimeout(() => frame.remove(), 1000);
}
