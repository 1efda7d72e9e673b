/**
 * Copies text to the clipboard: the async Clipboard API where the page may
 * use it, else a selected hidden textarea and the copy command (a page on
 * plain http://127.0.0.1 is a secure context, but a browser may still
 * refuse clipboard access without a user permission).
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused: fall through to the selection copy below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}
