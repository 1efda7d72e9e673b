/**
 * The contact directory as the engineer looks things up in it: the
 * escalation levels first, with whom each one calls, then the trading desk,
 * security and compliance, the exchanges, the vendors, the teams, and the
 * channels (PagerDuty, Slack, the status page). Built from the playbook in
 * force, so editing contacts stays the playbook's import and export.
 */
import type { Contact, Playbook } from '../playbook/schema.js';

export interface ContactGroup {
  id: string;
  label: string;
  contacts: Contact[];
}

type Category = 'desk' | 'security' | 'exchanges' | 'vendors' | 'channels' | 'teams';

const CATEGORY_LABELS: Record<Category, string> = {
  desk: 'Trading desk',
  security: 'Security and compliance',
  exchanges: 'Exchanges',
  vendors: 'Vendors',
  channels: 'Channels',
  teams: 'Teams and people',
};

/** Which group a contact belongs in, from the words of its id and role. */
export function categoryOf(contact: Contact, playbook: Playbook): Category {
  const words = `${contact.id} ${contact.role} ${contact.name}`.toLowerCase();
  if (contact.id === playbook.escalation.deskContact) return 'desk';
  if (/security|compliance|legal|regulat/.test(words)) return 'security';
  if (/exchange/.test(words)) return 'exchanges';
  if (/vendor|provider|noc\b/.test(words)) return 'vendors';
  // Channels are reached through a tool, not a person: no phone and no email.
  if (!contact.phone && !contact.email) return 'channels';
  return 'teams';
}

export function contactGroups(playbook: Playbook): ContactGroup[] {
  const byId = new Map(playbook.contacts.map((c) => [c.id, c]));
  const groups: ContactGroup[] = playbook.escalation.levels
    .slice()
    .sort((a, b) => a.level - b.level)
    .map((level) => ({
      id: `level-${level.level}`,
      label: `Level ${level.level}: ${level.name}`,
      contacts: level.contacts.map((id) => byId.get(id)).filter((c): c is Contact => c !== undefined),
    }));
  const inLevels = new Set(groups.flatMap((g) => g.contacts.map((c) => c.id)));
  for (const category of Object.keys(CATEGORY_LABELS) as Category[]) {
    // Security is listed on its own even when a level calls it: it is called at once for security incidents.
    const contacts = playbook.contacts.filter(
      (c) => categoryOf(c, playbook) === category && (category === 'desk' || category === 'security' || !inLevels.has(c.id)),
    );
    groups.push({ id: category, label: CATEGORY_LABELS[category], contacts });
  }
  return groups.filter((g) => g.contacts.length > 0);
}

/** Groups keeping only contacts whose words all appear in the name, role, phone, email, URL, notes or group. */
export function searchContacts(groups: readonly ContactGroup[], query: string): ContactGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return [...groups];
  return groups
    .map((g) => ({
      ...g,
      contacts: g.contacts.filter((c) => {
        const hay = [g.label, c.name, c.role, c.phone, c.email, c.url, c.notes].filter(Boolean).join(' ').toLowerCase();
        return words.every((w) => hay.includes(w));
      }),
    }))
    .filter((g) => g.contacts.length > 0);
}

/** A phone number as a tel: link: digits and a leading +; letters on the keypad become their digits (1-833-KRAKEN-1). */
export function telHref(phone: string): string {
  const keypad: Record<string, string> = { a: '2', b: '2', c: '2', d: '3', e: '3', f: '3', g: '4', h: '4', i: '4', j: '5', k: '5', l: '5', m: '6', n: '6', o: '6', p: '7', q: '7', r: '7', s: '7', t: '8', u: '8', v: '8', w: '9', x: '9', y: '9', z: '9' };
  const trimmed = phone.trim();
  const digits = [...trimmed.toLowerCase()].map((ch) => (/\d/.test(ch) ? ch : (keypad[ch] ?? ''))).join('');
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}
