/**
 * The links that leave the app, and where they go: `tel:` (call the desk),
 * `mailto:` (a contact) and `https:` (status pages, exchange help) are handed
 * to the operating system's handler through `shell.openExternal`. Nothing
 * else is: not http, not file, not javascript, not a custom scheme another
 * program registered, and never a navigation of the cockpit window itself.
 */

/** Schemes handed to the OS, with what a URL of each must look like. */
const EXTERNAL_RULES: Record<string, (url: URL) => boolean> = {
  // Credentials in a URL are how a look-alike link hides its real host.
  'https:': (url) => url.hostname !== '' && url.username === '' && url.password === '',
  // A number as the renderer writes it (digits, an optional leading +), visual separators allowed.
  'tel:': (url) => /^\+?[\d\-.()]{1,32}$/.test(url.pathname) && /\d/.test(url.pathname),
  'mailto:': (url) => /^[^\s@/]+@[^\s@/]+$/.test(decodeURIComponent(url.pathname)),
};

export const EXTERNAL_SCHEMES = Object.keys(EXTERNAL_RULES);

export function isExternalLink(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  const rule = EXTERNAL_RULES[parsed.protocol];
  try {
    return rule !== undefined && rule(parsed);
  } catch {
    // decodeURIComponent of a broken escape.
    return false;
  }
}

/** Opens an allowed link with the OS; returns whether it did. */
export function openIfExternal(url: string, openExternal: (url: string) => Promise<void>): boolean {
  if (!isExternalLink(url)) return false;
  openExternal(url).catch((error: unknown) => {
    // No handler for tel: on this machine, say: nothing the page can do about it.
    process.stderr.write(`cockpit: could not open ${new URL(url).protocol} link: ${error instanceof Error ? error.message : String(error)}\n`);
  });
  return true;
}
