/**
 * What a page in the app may be granted: writing to the clipboard, and only
 * for the cockpit's own top frame on `app://cockpit` (the Copy buttons next
 * to a NOT VERIFIED step, a runbook command, the terminal selection).
 * Everything else (camera, microphone, notifications from the page,
 * clipboard reads, geolocation, opening external apps, ...) is denied.
 *
 * Both handlers are needed: Chromium checks before it requests, and
 * `navigator.clipboard.writeText` fails when the check says no
 * (https://github.com/electron/electron/issues/37173).
 */
import { isAppOrigin } from './app-protocol.js';

/** The permissions the cockpit's own page may have; 'clipboard-sanitized-write' is writeText's. */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export interface PermissionAsker {
  permission: string;
  /** The URL of the asking frame (a request's `requestingUrl`, a check's `requestingUrl` or `requestingOrigin`). */
  url: string | undefined;
  isMainFrame: boolean;
  /** Set by Chromium for a cross-origin subframe. */
  embeddingOrigin?: string | undefined;
}

export function isPermissionGranted({ permission, url, isMainFrame, embeddingOrigin }: PermissionAsker): boolean {
  if (!GRANTED_PERMISSIONS.has(permission)) return false;
  if (!isMainFrame || embeddingOrigin !== undefined) return false;
  return url !== undefined && isAppOrigin(url);
}

/** Structural slice of Electron's Session, so tests pass plain objects. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string; isMainFrame: boolean }) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      contents: unknown,
      permission: string,
      requestingOrigin: string,
      details: { requestingUrl?: string; isMainFrame: boolean; embeddingOrigin?: string },
    ) => boolean,
  ): void;
}

export function installPermissionHandlers(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted({ permission, url: details?.requestingUrl, isMainFrame: details?.isMainFrame === true })),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    const asker = { permission, isMainFrame: details?.isMainFrame === true, embeddingOrigin: details?.embeddingOrigin };
    // The origin is always given; the URL only for checks made on behalf of a document. Both must be ours.
    return (
      isPermissionGranted({ ...asker, url: requestingOrigin }) &&
      (details?.requestingUrl === undefined || isPermissionGranted({ ...asker, url: details.requestingUrl }))
    );
  });
}
