/**
 * Who is at this cockpit and in which zone, when the settings do not say:
 * the operating system's user name and the machine's time zone.
 */
import { userInfo } from 'node:os';

/** The OS login name; "operator" where the platform has none to give (some containers). */
export function systemUserName(): string {
  try {
    const name = userInfo().username.trim();
    return name === '' ? 'operator' : name;
  } catch {
    return 'operator';
  }
}

/** The machine's IANA zone, e.g. "Europe/London"; UTC when Intl cannot tell. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
