/**
 * The integrations end to end in the browser host, against the project's
 * PagerDuty and Slack fakes (test/fakes) on loopback, the host pointed at
 * them with --pagerduty-url and --slack-url: set up in Settings with the
 * tokens kept secret, states in the header, a staged fault paged and posted,
 * the acknowledgement reaching PagerDuty as the configured user, one
 * acknowledged in PagerDuty showing here, a rate-limited Slack retried in
 * sight, and every message listed in the incident's deliveries.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startHttpFake, type HttpFake } from '../fakes/http-fake.js';
import { startPagerDutyFake, type PagerDutyFake } from '../fakes/pagerduty.js';
import { startSlackFake, type SlackFake } from '../fakes/slack.js';
import { startStatuspageFake, type StatuspageFake } from '../fakes/statuspage.js';
import { expect, openCockpit, test as base } from './fixtures.js';

const ANA = { id: 'PU1', name: 'Ana Duty', email: 'ana@example.com' };
const BEN = { id: 'PU2', name: 'Ben Phone', email: 'ben@example.com' };
const PD = { token: 'pd-rest-secret-token', routingKey: 'R0UTINGKEY', users: [ANA, BEN], policyId: 'PPOLICY1' };
const SLACK = {
  token: 'xoxb-slack-secret-token',
  channels: ['#incident-response', '#hft-operations'],
  webhook: { path: '/services/T0001/B0001/webhookSecretPart', channel: '#hft-operations' },
};
/** Where the screenshots go: outside the repository. */
const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp/cockpit-integrations-shots';
mkdirSync(SHOTS, { recursive: true });
/** PagerDuty is read every 15 s; a change made there shows within one read. */
const ONE_PD_READ_MS = 20_000;
const RAISE_TIMEOUT_MS = 15_000;

const PAGE = { token: 'statuspage-secret-key', pageId: 'pg-hft', components: ['cmp-exchanges'] };

/** Alertmanager's v2 API as far as the cockpit reads and posts: no firing alerts, and every posted alert taken. */
const startAlertmanagerFake = () =>
  startHttpFake((req) => (req.method === 'GET' && req.path === '/api/v2/alerts' ? { status: 200, body: [] } : req.method === 'POST' && req.path === '/api/v2/alerts' ? { status: 200 } : { status: 404 }));

const test = base.extend<{ pd: PagerDutyFake; slack: SlackFake; statuspage: StatuspageFake; alertmanager: HttpFake }>({
  pd: async ({}, use) => {
    const fake = await startPagerDutyFake(PD);
    fake.oncalls = [
      { level: 1, user: ANA, end: '2026-12-04T17:00:00Z' },
      { level: 2, user: BEN, end: '2026-12-04T17:00:00Z' },
      // The next shift: Ben takes over as primary at the handoff.
      { level: 1, user: BEN, start: '2026-12-04T17:00:00Z', end: '2026-12-11T17:00:00Z' },
    ];
    await use(fake);
    await fake.close();
  },
  slack: async ({}, use) => {
    const fake = await startSlackFake(SLACK);
    await use(fake);
    await fake.close();
  },
  statuspage: async ({}, use) => {
    const fake = await startStatuspageFake(PAGE);
    await use(fake);
    await fake.close();
  },
  alertmanager: async ({}, use) => {
    const fake = await startAlertmanagerFake();
    await use(fake);
    await fake.close();
  },
  hostArgs: async ({ pd, slack, statuspage }, use) => {
    await use(['--pagerduty-url', pd.url, '--slack-url', slack.url, '--statuspage-url', statuspage.url]);
  },
});

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core violations on the page as it is (evaluated as source: the CSP forbids an injected script tag). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.where.join(' ')}`);
}

async function openIntegrationSettings(page: Page) {
  await page.getByRole('button', { name: 'Set up integrations' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('button', { name: 'Integrations' })).toHaveAttribute('aria-pressed', 'true');
  return dialog;
}

async function setUpPagerDutyAndSlack(page: Page) {
  const dialog = await openIntegrationSettings(page);
  const pd = dialog.getByRole('form', { name: 'PagerDuty settings' });
  await pd.getByLabel('PagerDuty REST API key').fill(PD.token);
  await pd.getByLabel('Events API integration key').fill(PD.routingKey);
  await pd.getByLabel('Your PagerDuty login (email)').fill(ANA.email);
  await pd.getByLabel('Escalation policy ID').fill(PD.policyId);
  await pd.getByRole('button', { name: 'Save PagerDuty' }).click();
  await expect(pd.getByRole('status', { name: 'PagerDuty save result' })).toHaveText('PagerDuty saved.');
  const slack = dialog.getByRole('form', { name: 'Slack settings' });
  await slack.getByLabel('Slack bot token').fill(SLACK.token);
  await slack.getByRole('button', { name: 'Save Slack' }).click();
  await expect(slack.getByRole('status', { name: 'Slack save result' })).toHaveText('Slack saved.');
  return dialog;
}

const incident = (page: Page, subject: string) =>
  page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem').filter({ hasText: subject });

async function raiseKraken(page: Page, sim: { stage(b: Record<string, unknown>): Promise<void> }) {
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await expect(incident(page, 'kraken')).toBeVisible({ timeout: RAISE_TIMEOUT_MS });
  await incident(page, 'kraken').click();
  return page.getByRole('region', { name: 'Selected incident' });
}

const delivery = (detail: ReturnType<Page['getByRole']>, where: string, what: RegExp) =>
  detail.getByRole('region', { name: 'Deliveries' }).getByRole('row').filter({ hasText: where }).filter({ hasText: what });

test('set up with tokens kept secret, a fault paged and posted, the acknowledgement in PagerDuty as the configured user', async ({ page, cockpit, sim, pd, slack }) => {
  await openCockpit(page, cockpit);
  const header = page.getByRole('group', { name: 'Integrations' });
  await expect(header).toContainText('Integrations off');

  const dialog = await setUpPagerDutyAndSlack(page);
  // The token box is empty again and says a token is stored; the page never holds the token.
  await expect(dialog.getByLabel('PagerDuty REST API key')).toHaveValue('');
  await expect(dialog.getByLabel('Events API integration key')).toHaveValue('');
  await expect(dialog.getByRole('form', { name: 'PagerDuty settings' })).toContainText('Stored (never shown)');
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(SHOTS, 'integrations-settings-1280x800.png') });
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await page.content()).not.toContain(PD.token);
  expect(await page.content()).not.toContain(SLACK.token);
  const saved = readFileSync(join(cockpit.dataDir, 'integrations.json'), 'utf8');
  expect(saved).toContain(ANA.email);
  expect(saved).not.toContain(PD.token);
  expect(saved).not.toContain(PD.routingKey);
  expect(await page.content()).not.toContain(PD.routingKey);
  expect(saved).not.toContain(SLACK.token);

  await expect(header.getByRole('status', { name: 'PagerDuty integration' })).toContainText('connected');
  await expect(header.getByRole('status', { name: 'Slack integration' })).toContainText(/ready|connected/);
  await expect(header.getByRole('status', { name: 'Integrations not set up' })).toContainText('Not set up: Status page, Alertmanager');

  // PagerDuty's on-call for the policy drives the shift panel.
  await expect(page.getByRole('status', { name: 'On call in PagerDuty' })).toContainText('Primary Ana Duty · secondary Ben Phone · handoff 2026-12-04');
  expect(pd.received.find((r) => r.path === '/oncalls')?.query.get('escalation_policy_ids[]')).toBe(PD.policyId);
  // The handoff goes to PagerDuty's primary after the handoff, filled in while nothing is typed there.
  await page.keyboard.press('Alt+h');
  const handoffView = page.getByRole('dialog', { name: 'Handoff' });
  await expect(handoffView.getByLabel('To (incoming engineer)')).toHaveValue('Ben Phone');
  await expect(handoffView).toContainText("PagerDuty's primary after the handoff");
  await page.keyboard.press('Escape');
  await expect(handoffView).toBeHidden();

  const detail = await raiseKraken(page, sim);
  await expect(delivery(detail, 'PagerDuty', /page: SEV2/)).toContainText('sent');
  await expect(delivery(detail, 'Slack', /SEV2 opened/)).toContainText('sent');
  expect(pd.incidents).toHaveLength(1);
  expect(pd.incidents[0]!.title).toContain('kraken');
  const trigger = pd.received.find((r) => r.path === '/v2/enqueue')!;
  expect(trigger.body).toMatchObject({ routing_key: PD.routingKey, event_action: 'trigger', payload: { severity: 'error' } });
  expect(slack.messages[0]).toMatchObject({ channel: '#incident-response' });
  expect(slack.messages[0]!.text).toContain('SEV2 opened');

  await detail.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect(delivery(detail, 'PagerDuty', /^PagerDuty.*acknowledge/)).toContainText('sent');
  await expect.poll(() => pd.incidents[0]!.status).toBe('acknowledged');
  expect(pd.incidents[0]!.log).toContainEqual({ what: 'acknowledged', by: ANA.email });
  const ack = pd.writes().find((r) => r.method === 'PUT')!;
  expect(ack.headers.from).toBe(ANA.email);
  expect(ack.headers.authorization).toBe(`Token token=${PD.token}`);
  // Slack's acknowledgement is a reply in the incident's thread.
  await expect.poll(() => slack.messages.length).toBe(2);
  expect(slack.messages[1]).toMatchObject({ thread_ts: slack.messages[0]!.ts });

  await detail.getByRole('region', { name: 'Deliveries' }).scrollIntoViewIfNeeded();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, 'integrations-incident-1600x1000.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await detail.getByRole('region', { name: 'Deliveries' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'integrations-incident-1280x800.png') });
});

test('acknowledged on a phone in PagerDuty: the cockpit shows it acknowledged by that person within one read', async ({ page, cockpit, sim, pd }) => {
  await openCockpit(page, cockpit);
  await setUpPagerDutyAndSlack(page);
  await page.keyboard.press('Escape');
  const detail = await raiseKraken(page, sim);
  await expect.poll(() => pd.incidents.length).toBe(1);
  pd.acknowledgeAs(pd.incidents[0]!.id, BEN);
  const acknowledge = detail.getByRole('button', { name: 'Acknowledge', exact: true });
  await expect(acknowledge).toBeDisabled({ timeout: ONE_PD_READ_MS });
  await expect(acknowledge).toHaveAttribute('title', `Acknowledged by ${BEN.name} (PagerDuty)`);
  // What PagerDuty told the cockpit is not sent back to it.
  expect(pd.writes().filter((r) => r.method === 'PUT')).toHaveLength(0);
});

test('a rate-limited Slack: the header counts what waits, the incident shows it retrying and why, then sent', async ({ page, cockpit, sim, slack }) => {
  await openCockpit(page, cockpit);
  await setUpPagerDutyAndSlack(page);
  await page.keyboard.press('Escape');
  slack.rateLimit(1, 4);
  const detail = await raiseKraken(page, sim);
  const row = delivery(detail, 'Slack', /SEV2 opened/);
  await expect(row).toContainText('retrying');
  await expect(row).toContainText('429');
  await expect(page.getByRole('status', { name: 'Slack integration' })).toContainText(/FAILING|queued/);
  await detail.getByRole('region', { name: 'Deliveries' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'integrations-retrying-1600x1000.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await detail.getByRole('region', { name: 'Deliveries' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'integrations-retrying-1280x800.png') });
  await expect(row).toContainText('sent', { timeout: 15_000 });
  await expect(page.getByRole('status', { name: 'Slack integration' })).toContainText('connected');
  expect(slack.messages.filter((m) => m.text.includes('SEV2 opened'))).toHaveLength(1);
});

test('Slack through an incoming webhook: the URL kept secret, the incident posted without a thread, the handoff posted once', async ({ page, cockpit, sim, slack }) => {
  await openCockpit(page, cockpit);
  const dialog = await openIntegrationSettings(page);
  const form = dialog.getByRole('form', { name: 'Slack settings' });
  await form.getByLabel('Post with').selectOption('webhook');
  await expect(form.getByLabel('Incident channel')).toHaveCount(0);
  await form.getByLabel('Slack webhook URL').fill('hooks.slack.com/not-a-url');
  await form.getByRole('button', { name: 'Save Slack' }).click();
  await expect(form).toContainText('An http(s) URL');
  const webhookUrl = `${slack.url}${SLACK.webhook.path}`;
  await form.getByLabel('Slack webhook URL').fill(webhookUrl);
  await form.getByRole('button', { name: 'Save Slack' }).click();
  await expect(form.getByRole('status', { name: 'Slack save result' })).toHaveText('Slack saved.');
  await expect(form.getByLabel('Slack webhook URL')).toHaveValue('');
  await page.keyboard.press('Escape');
  expect(await page.content()).not.toContain(SLACK.webhook.path);
  expect(readFileSync(join(cockpit.dataDir, 'integrations.json'), 'utf8')).not.toContain(SLACK.webhook.path);

  const detail = await raiseKraken(page, sim);
  await expect(delivery(detail, 'Slack', /SEV2 opened/)).toContainText('sent');
  const posted = slack.received.filter((r) => r.path === SLACK.webhook.path);
  expect(posted).toHaveLength(1);
  expect(posted[0]!.headers.authorization).toBeUndefined();
  expect(slack.messages[0]).toMatchObject({ channel: SLACK.webhook.channel });
  expect(slack.messages[0]!.text).toMatch(/^INC-\d+ SEV2 opened: Exchange disconnected: kraken/);
  expect(slack.messages[0]!.thread_ts).toBeUndefined();

  await page.keyboard.press('Alt+H');
  const handoff = page.getByRole('dialog', { name: 'Handoff' });
  await handoff.getByRole('button', { name: 'Post to Slack' }).click();
  await expect(handoff.getByRole('status', { name: 'Slack post result' })).toHaveText("Queued for the webhook's channel");
  await expect.poll(() => slack.messages.filter((m) => /Exchange disconnected: kraken/.test(m.text) && !m.text.startsWith('INC-')).length).toBe(1);
  await page.screenshot({ path: join(SHOTS, 'integrations-handoff-1600x1000.png') });
  await handoff.getByRole('button', { name: 'Post to Slack' }).click();
  await expect(handoff.getByRole('status', { name: 'Slack post result' })).toHaveText("This note is already queued or posted to the webhook's channel");
  const notes = slack.messages.filter((m) => !m.text.startsWith('INC-'));
  expect(notes).toHaveLength(1);
  expect(notes[0]!.text).toMatch(/^# On-call handoff/);
  expect(notes[0]!.text).not.toContain('<!--');
});

test('picks the PagerDuty incident opened elsewhere, acknowledges it there, and reassigns it to the secondary on call', async ({ page, cockpit, sim, pd }) => {
  await openCockpit(page, cockpit);
  await setUpPagerDutyAndSlack(page);
  await page.keyboard.press('Escape');
  const elsewhere = pd.openElsewhere('Kraken order gateway timeouts (from Prometheus)');
  const detail = await raiseKraken(page, sim);
  const panel = detail.getByRole('region', { name: 'PagerDuty' });
  await panel.getByRole('button', { name: 'Pick a PagerDuty incident…' }).click();
  const list = panel.getByRole('list', { name: 'Open in PagerDuty' });
  await expect(list).toContainText(elsewhere.title);
  await list.getByRole('listitem').filter({ hasText: elsewhere.title }).getByRole('button', { name: `Link ${elsewhere.id}` }).click();
  await expect(panel).toContainText(`linked to ${elsewhere.id}`);
  await expect(detail.getByRole('region', { name: 'Deliveries' })).toContainText(`link to PagerDuty incident ${elsewhere.id}`);

  await detail.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  await expect.poll(() => elsewhere.status).toBe('acknowledged');
  expect(elsewhere.log).toContainEqual({ what: 'acknowledged', by: ANA.email });

  await panel.getByRole('button', { name: `Reassign to ${BEN.name} (secondary)` }).click();
  await expect(panel.getByRole('status', { name: 'PagerDuty result' })).toHaveText(`Reassignment to ${BEN.name} queued`);
  await expect.poll(() => elsewhere.assignees).toEqual([BEN.id]);
  await expect(delivery(detail, 'PagerDuty', /reassign to Ben Phone/)).toContainText('sent');
  await expect(detail).toContainText(`Reassigned in PagerDuty to ${BEN.name} (secondary on call).`);
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'integrations-pagerduty-1600x1000.png') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await panel.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'integrations-pagerduty-1280x800.png') });
});

test('the status page takes a SEV2 status update with its component, and Alertmanager takes the cockpit\'s own alert only once asked to', async ({ page, cockpit, sim, statuspage, alertmanager }) => {
  await openCockpit(page, cockpit);
  const dialog = await openIntegrationSettings(page);
  const sp = dialog.getByRole('form', { name: 'Status page settings' });
  await sp.getByLabel('Statuspage API key').fill(PAGE.token);
  await sp.getByLabel('Page ID').fill(PAGE.pageId);
  await sp.getByLabel('Components by scenario').fill('exchange_disconnected cmp-exchanges');
  await sp.getByRole('button', { name: 'Save Status page' }).click();
  await expect(sp).toContainText('expected "scenario = component ID"');
  await sp.getByLabel('Components by scenario').fill('exchange_disconnected = cmp-exchanges');
  await sp.getByRole('button', { name: 'Save Status page' }).click();
  await expect(sp.getByRole('status', { name: 'Status page save result' })).toHaveText('Status page saved.');
  const am = dialog.getByRole('form', { name: 'Alertmanager settings' });
  await am.getByLabel('Alertmanager URL').fill(alertmanager.url);
  await expect(am.getByLabel("Post the cockpit's own alerts to Alertmanager")).not.toBeChecked();
  await am.getByRole('button', { name: 'Save Alertmanager' }).click();
  await expect(am.getByRole('status', { name: 'Alertmanager save result' })).toHaveText('Alertmanager saved.');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status', { name: 'Alertmanager integration' })).toContainText('connected');

  const detail = await raiseKraken(page, sim);
  await detail.getByRole('button', { name: 'Log status update' }).click();
  const text = 'Kraken is disconnected; the other eleven exchanges are trading normally. We stopped the kraken strategies. Next update in 30 minutes.';
  await detail.getByRole('textbox', { name: /^Status update/ }).fill(text);
  await detail.getByRole('button', { name: 'Post status update' }).click();
  await expect(delivery(detail, 'Status page', /investigating/)).toContainText('sent');
  expect(statuspage.incidents).toHaveLength(1);
  expect(statuspage.incidents[0]).toMatchObject({ name: 'Exchange disconnected: kraken', status: 'investigating' });
  expect(statuspage.incidents[0]!.incident_updates[0]!.body).toBe(text);
  expect(statuspage.components['cmp-exchanges']).toBe('partial_outage');
  expect(statuspage.received.every((r) => r.headers.authorization === `OAuth ${PAGE.token}`)).toBe(true);
  // Read, but not posted to, while the setting is off.
  expect(alertmanager.received.some((r) => r.method === 'GET')).toBe(true);
  expect(alertmanager.received.filter((r) => r.method === 'POST')).toHaveLength(0);

  await openIntegrationSettings(page);
  await am.getByLabel("Post the cockpit's own alerts to Alertmanager").check();
  await am.getByRole('button', { name: 'Save Alertmanager' }).click();
  await expect(am.getByRole('status', { name: 'Alertmanager save result' })).toHaveText('Alertmanager saved.');
  await expect.poll(() => alertmanager.received.filter((r) => r.method === 'POST').length).toBe(1);
  const [posted] = alertmanager.received.filter((r) => r.method === 'POST');
  expect(posted!.body).toEqual([expect.objectContaining({ labels: expect.objectContaining({ alertname: 'exchange_disconnected', severity: 'sev2' }) })]);
  await page.keyboard.press('Escape');
  await expect(delivery(detail, 'Alertmanager', /alert: SEV2/)).toContainText('sent');
});

test('after a restart of the browser host, which keeps no secrets, the header asks for the tokens, and once given again what happened meanwhile is paged', async ({ page, cockpit, sim, pd }) => {
  await openCockpit(page, cockpit);
  await setUpPagerDutyAndSlack(page);
  await page.keyboard.press('Escape');
  await cockpit.restart();
  const state = page.getByRole('status', { name: 'PagerDuty integration' });
  await expect(state).toContainText('token needed', { timeout: 20_000 });
  await expect(state).toContainText('set the token in Settings; messages wait');

  const detail = await raiseKraken(page, sim);
  expect(pd.received.filter((r) => r.path === '/v2/enqueue')).toHaveLength(0);
  const dialog = await openIntegrationSettings(page);
  const form = dialog.getByRole('form', { name: 'PagerDuty settings' });
  await expect(form).toContainText('Not stored yet.');
  await form.getByRole('button', { name: 'Save PagerDuty' }).click();
  await expect(form).toContainText('Needed to turn it on');
  await form.getByLabel('PagerDuty REST API key').fill(PD.token);
  await form.getByLabel('Events API integration key').fill(PD.routingKey);
  await form.getByRole('button', { name: 'Save PagerDuty' }).click();
  await expect(form.getByRole('status', { name: 'PagerDuty save result' })).toHaveText('PagerDuty saved.');
  await page.keyboard.press('Escape');
  await expect(state).toContainText('connected');
  await expect(delivery(detail, 'PagerDuty', /page: SEV2/)).toContainText('sent');
  expect(pd.incidents).toHaveLength(1);
});
