import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK, type Playbook } from '../playbook/index.js';
import { contactGroups, searchContacts, telHref } from './directory.js';

const ids = (groups: ReturnType<typeof contactGroups>) => Object.fromEntries(groups.map((g) => [g.label, g.contacts.map((c) => c.id)]));

describe('contactGroups', () => {
  it('puts the escalation levels first, then the desk, security, exchanges, vendors, teams and channels', () => {
    const groups = ids(contactGroups(DEFAULT_PLAYBOOK));
    expect(Object.keys(groups)).toEqual([
      'Level 1: On-call engineer',
      'Level 2: Senior platform engineer',
      'Level 3: Engineering lead / VP engineering',
      'Trading desk',
      'Security and compliance',
      'Exchanges',
      'Vendors',
      'Channels',
      'Teams and people',
    ]);
    expect(groups['Level 2: Senior platform engineer']).toEqual(['level2-senior']);
    expect(groups['Trading desk']).toEqual(['trading-desk']);
    expect(groups['Security and compliance']).toEqual(['security', 'compliance']);
    expect(groups.Exchanges).toEqual(['binance-support', 'coinbase-support', 'kraken-support', 'okx-support']);
    expect(groups.Vendors).toEqual(['hosting', 'network']);
    // PagerDuty and the incident channel are Level 1's: listed there, not again under channels.
    expect(groups.Channels).toEqual(['operations-channel', 'status-page']);
    expect(groups['Teams and people']).toEqual(['operations-lead', 'platform-eng', 'database-team']);
  });

  it('follows an edited playbook and skips ids the directory does not have', () => {
    const edited: Playbook = {
      ...DEFAULT_PLAYBOOK,
      contacts: [{ id: 'desk', name: 'Desk', role: 'Trading', phone: '+44 20 7946 0000' }],
      escalation: { ...DEFAULT_PLAYBOOK.escalation, deskContact: 'desk', levels: [{ level: 2, name: 'Senior', triggers: [], contacts: ['desk', 'gone'] }] },
    };
    expect(ids(contactGroups(edited))).toEqual({ 'Level 2: Senior': ['desk'], 'Trading desk': ['desk'] });
  });
});

describe('searchContacts', () => {
  const groups = contactGroups(DEFAULT_PLAYBOOK);

  it('finds by name, role, phone or email, every word required', () => {
    expect(ids(searchContacts(groups, 'kraken'))).toEqual({ Exchanges: ['kraken-support'] });
    expect(ids(searchContacts(groups, '555-0102'))).toEqual({ 'Level 3: Engineering lead / VP engineering': ['security'], 'Security and compliance': ['security'] });
    expect(ids(searchContacts(groups, 'exchange support live'))).toEqual({ Exchanges: ['binance-support', 'okx-support'] });
    expect(searchContacts(groups, 'nobody-like-this')).toEqual([]);
  });

  it('matches the group label too, and returns everything for a blank query', () => {
    expect(ids(searchContacts(groups, 'level 2'))['Level 2: Senior platform engineer']).toEqual(['level2-senior']);
    expect(searchContacts(groups, '  ')).toEqual(groups);
  });
});

describe('telHref', () => {
  it('keeps the digits and the leading plus, and turns keypad letters into digits', () => {
    expect(telHref('+1-555-0101')).toBe('tel:+15550101');
    expect(telHref('+1-833-KRAKEN-1')).toBe('tel:+18335725361');
    expect(telHref('020 7946 0000')).toBe('tel:02079460000');
  });
});
