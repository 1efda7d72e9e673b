/**
 * Incidents end to end in the browser host: a fault staged on the simulator
 * becomes an incident on screen with the right severity, the engineer works
 * it (acknowledge, engage, runbook, resolve), its clocks survive a restart of
 * the backend, and its timeline exports as Markdown.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEFAULT_PLAYBOOK } from '../../src/core/playbook/default.js';
import { expect, holdBackAnswers, openCockpit, test } from './fixtures.js';

/** An incident as the engineer sees it in the queue: a list item of the open list naming its subject. */
const incident = (page: Page, subject: string | RegExp) =>
  page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem').filter({ hasText: subject });

/** Selects the incident in the queue and gives its detail, where its clocks and actions are. */
async function workOn(page: Page, subject: string | RegExp) {
  await incident(page, subject).click();
  await expect(incident(page, subject)).toHaveAttribute('aria-current', 'true');
  return page.getByRole('region', { name: 'Selected incident' });
}

/** "14:58" or "1:02:03" as seconds; a breached clock fails the test. */
function clockSeconds(text: string): number {
  const m = text.match(/(?:(\d+):)?(\d{2}):(\d{2})/);
  if (!m || /BREACHED/.test(text)) throw new Error(`not a running clock: ${text}`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Polls end to end are a second apart; staging to screen takes a few. */
const RAISE_TIMEOUT_MS = 15_000;

const SCENARIOS = [
  { stage: { name: 'exchange_disconnect', exchange: 'kraken' }, rule: 'exchange_disconnected', severity: 'SEV2', subject: 'Exchange disconnected: kraken' },
  // 40 ms order p99 against the default playbook's 10 ms threshold.
  { stage: { name: 'high_latency', order_p99_ms: 40 }, rule: 'high_latency', severity: 'SEV3', subject: 'High latency' },
  // 90% of the limit within 2 s; the playbook opens at 80%.
  { stage: { name: 'loss_limit_approach', target_pct: 90, over_s: 2 }, rule: 'loss_limit', severity: 'SEV1', subject: 'Daily loss limit approaching' },
  { stage: { name: 'crash' }, rule: 'system_down', severity: 'SEV1', subject: 'System not responding' },
  // Above the playbook's 95% critical mark: SEV2 rather than SEV3.
  { stage: { name: 'disk_low', disk_pct: 97 }, rule: 'disk_low', severity: 'SEV2', subject: 'Disk space low' },
] as const;

for (const scenario of SCENARIOS) {
  test(`${scenario.stage.name} opens "${scenario.subject}" as ${scenario.severity} with its actions`, async ({ page, cockpit, sim }) => {
    await openCockpit(page, cockpit);
    await sim.stage(scenario.stage);
    // The incident opens once the condition held for its rule's hold time.
    const hold = DEFAULT_PLAYBOOK.scenarios[scenario.rule].holdSeconds * 1000;
    await expect(incident(page, scenario.subject)).toContainText(scenario.severity, { timeout: RAISE_TIMEOUT_MS + hold });
    const item = await workOn(page, scenario.subject);
    for (const name of ['Acknowledge', 'Engage', 'Log status update', 'Escalate', 'Resolve']) {
      await expect(item.getByRole('button', { name, exact: true })).toBeVisible();
    }
    await expect(item.getByRole('timer', { name: 'Next deadline' })).toContainText(/\d{2}:\d{2}/);
    await expect(page.getByRole('status', { name: 'Most urgent deadline' })).toContainText(scenario.severity);
    await expect(page).toHaveTitle(/^\(1\) ⚠ .* — On-call cockpit$/);
  });
}

test('a second exchange down raises the same incident to SEV1', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await expect(incident(page, 'kraken')).toContainText('SEV2', { timeout: RAISE_TIMEOUT_MS });
  await sim.stage({ name: 'exchange_disconnect', exchange: 'binance' });
  await expect(incident(page, 'kraken')).toContainText('SEV1', { timeout: RAISE_TIMEOUT_MS });
  await expect(incident(page, 'kraken')).toContainText('Exchanges disconnected: binance, kraken');
  await expect(await workOn(page, 'kraken')).toContainText('2 of 12 exchanges disconnected: binance, kraken');
  await expect(page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem')).toHaveCount(1);
});

test('acknowledging switches the countdown to "not understood" 15 minutes on; E engages from the keyboard', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await expect(incident(page, 'kraken')).toBeVisible({ timeout: RAISE_TIMEOUT_MS });
  const item = await workOn(page, 'kraken');
  const clock = item.getByRole('timer', { name: 'Next deadline' });
  await expect(clock).toContainText('Acknowledge');
  // SEV2: acknowledge within 15 minutes.
  expect(clockSeconds(await clock.innerText())).toBeGreaterThan(14 * 60);

  await item.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  // Acknowledged and not engaged 15 minutes later: the alert is not understood, escalate.
  await expect(clock).toContainText(/Not understood/i);
  expect(clockSeconds(await clock.innerText())).toBeGreaterThan(14 * 60);
  await expect(item.getByRole('button', { name: 'Acknowledge', exact: true })).toBeDisabled();
  await expect(item).toContainText(/acknowledged/i);

  await page.keyboard.press('e');
  await expect(page.getByRole('status', { name: 'Last incident key' })).toContainText('Engaged INC-1 Exchange disconnected: kraken');
  await expect(item.getByRole('button', { name: 'Engage', exact: true })).toBeDisabled();
  await expect(clock).toContainText(/status update/i);
});

test('Escape closes an incident form and gives focus back to its button, so the next key acts on the incident', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await expect(incident(page, 'kraken')).toBeVisible({ timeout: RAISE_TIMEOUT_MS });
  const item = await workOn(page, 'kraken');
  const update = item.getByRole('form', { name: 'Status update for INC-1' });
  await page.keyboard.press('u');
  await expect(update.getByRole('textbox')).toBeFocused();
  // Typing goes where the draft needs words first: after "Not affected: ".
  await page.keyboard.type('the other 11 exchanges');
  await expect(update.getByRole('textbox')).toHaveValue(/\nNot affected: the other 11 exchanges\n/);
  await page.keyboard.press('Escape');
  await expect(update).toHaveCount(0);
  await expect(item.getByRole('button', { name: 'Log status update' })).toBeFocused();
  // The next key is the cockpit's again: N opens the note, not an "n" in a hidden draft.
  await page.keyboard.press('n');
  const note = item.getByRole('form', { name: 'Note on INC-1' });
  await expect(note.getByRole('textbox')).toBeFocused();
  await expect(note.getByRole('textbox')).toHaveValue('');
  await note.getByRole('button', { name: 'Cancel' }).click();
  await expect(note).toHaveCount(0);
  await expect(item.getByRole('button', { name: 'Note', exact: true })).toBeFocused();
  // Sent, the same: the focus is back on the button, not lost to the page.
  await page.keyboard.press('n');
  await page.keyboard.type('kraken status page says maintenance');
  await note.getByRole('button', { name: 'Add note' }).click();
  await expect(note).toHaveCount(0);
  await expect(item.getByRole('button', { name: 'Note', exact: true })).toBeFocused();
  await page.keyboard.press('a');
  await expect(page.getByRole('status', { name: 'Last incident key' })).toContainText('Acknowledged INC-1 Exchange disconnected: kraken');
  // Each form starts where it is read: the escalation at its level, the resolution at its note (not the final update below it).
  await page.keyboard.press('s');
  const escalate = item.getByRole('form', { name: 'Escalate INC-1' });
  await expect(escalate.getByLabel('Level', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(escalate).toHaveCount(0);
  await expect(item.getByRole('button', { name: 'Escalate', exact: true })).toBeFocused();
  await page.keyboard.press('r');
  await expect(item.getByLabel(/^Resolution note/)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(item.getByRole('form', { name: 'Resolve INC-1' })).toHaveCount(0);
  await expect(item.getByRole('button', { name: 'Resolve', exact: true })).toBeFocused();
});

test('a late answer closes only the form it came from: a note sent, then U at once keeps the update form open', async ({ page, cockpit, sim }) => {
  // The note's answer is held back 1.5 s on its way to the page, as on a loaded host; everything else passes at once.
  const NOTE_ANSWER_DELAY_MS = 1_500;
  await holdBackAnswers(page, (call) => call.name === 'incidents.act' && (call.request as { action?: { type?: string } }).action?.type === 'note', NOTE_ANSWER_DELAY_MS);
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await expect(incident(page, 'kraken')).toBeVisible({ timeout: RAISE_TIMEOUT_MS });
  const item = await workOn(page, 'kraken');
  await page.keyboard.press('n');
  await page.keyboard.type('kraken status page says maintenance');
  await item.getByRole('button', { name: 'Add note' }).click();
  // The note is on the timeline (the change event came) while its answer is still on its way.
  await expect(item.getByRole('table', { name: /Timeline/ })).toContainText('kraken status page says maintenance');
  await page.keyboard.press('u');
  const update = item.getByRole('form', { name: 'Status update for INC-1' });
  await expect(update.getByRole('textbox')).toBeFocused();
  await page.keyboard.type('the other 11 exchanges');
  // Past the note's answer: the update form and what was typed in it are still there, focus included.
  await page.waitForTimeout(NOTE_ANSWER_DELAY_MS + 500);
  await expect(update.getByRole('textbox')).toBeFocused();
  await page.keyboard.type(' are fine');
  await expect(update.getByRole('textbox')).toHaveValue(/the other 11 exchanges are fine/);
});

test('while the backend is gone the incident\'s condition reads as last known, not as now', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await expect(incident(page, 'kraken')).toBeVisible({ timeout: RAISE_TIMEOUT_MS });
  const item = await workOn(page, 'kraken');
  const condition = item.locator('.incident-now');
  await expect(condition).toHaveText('Now: 1 of 12 exchanges disconnected: kraken.');
  await cockpit.process.stop();
  await expect(condition).toHaveText('Last known, host link down: 1 of 12 exchanges disconnected: kraken.', { timeout: 20_000 });
  await cockpit.restart();
  await expect(condition).toHaveText(/^Now: /, { timeout: 20_000 });
});

test('a restart of the backend keeps the incident and its remaining time', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  const clock = page.getByRole('region', { name: 'Selected incident' }).getByRole('timer', { name: 'Next deadline' });
  await expect(clock).toContainText('Acknowledge', { timeout: RAISE_TIMEOUT_MS });
  const before = { left: clockSeconds(await clock.innerText()), at: Date.now() };

  await cockpit.restart();
  await openCockpit(page, cockpit);
  await expect(clock).toContainText('Acknowledge', { timeout: RAISE_TIMEOUT_MS });
  const after = { left: clockSeconds(await clock.innerText()), at: Date.now() };

  // The clock kept running while the backend was down: what it lost equals the time that passed.
  const elapsed = (after.at - before.at) / 1000;
  expect(Math.abs(before.left - after.left - elapsed)).toBeLessThanOrEqual(2);
  await expect(page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem')).toHaveCount(1);
  await expect(incident(page, 'kraken')).toContainText('SEV2');
});

test('a cleared condition is said so, and a person resolves it with a note', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  // A playbook that calls a condition clear after 2 s instead of 60, imported through the file picker.
  const quick = { ...DEFAULT_PLAYBOOK, version: 2, alerting: { clearAfterSeconds: 2 } };
  await page.getByLabel('Import playbook').setInputFiles({
    name: 'quick.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(quick)),
  });
  await expect(page.getByText('Imported HFT on-call playbook v2')).toBeVisible();

  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await expect(incident(page, 'kraken')).toContainText('SEV2', { timeout: RAISE_TIMEOUT_MS });
  const item = await workOn(page, 'kraken');
  await sim.clear();
  await expect(item).toContainText('CONDITION CLEARED', { timeout: RAISE_TIMEOUT_MS });
  // The alert does not resolve it by itself.
  await expect(item).toContainText('SEV2');

  await item.getByRole('button', { name: 'Resolve', exact: true }).click();
  await item.getByLabel(/Resolution note/).fill('Kraken reconnected by itself after their maintenance.');
  await item.getByRole('button', { name: 'Confirm resolve' }).click();
  await expect(incident(page, 'kraken')).toHaveCount(0);
  await page.getByRole('button', { name: 'Resolved today (1)' }).click();
  const done = page.getByRole('list', { name: 'Resolved incidents' }).getByRole('listitem').filter({ hasText: 'kraken' });
  await expect(done).toContainText('RESOLVED');
  await expect(done).toContainText('after their maintenance');
  await expect(page).toHaveTitle('On-call cockpit');
});

test('resolving while the condition still holds asks first, and the answer goes on the timeline', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'binance' });
  await expect(incident(page, 'binance')).toContainText('SEV2', { timeout: RAISE_TIMEOUT_MS });
  const item = await workOn(page, 'binance');
  const ask = async () => {
    await item.getByRole('button', { name: 'Resolve', exact: true }).click();
    await item.getByLabel(/Resolution note/).fill('Binance said it was maintenance.');
    await item.getByRole('button', { name: 'Confirm resolve' }).click();
    await expect(item.getByRole('group', { name: 'Resolve anyway?' })).toContainText('binance is still disconnected: resolve anyway?');
  };

  await ask();
  // The safe answer has the focus: Enter keeps it open.
  await expect(item.getByRole('button', { name: 'Keep it open' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(item.getByRole('group', { name: 'Resolve anyway?' })).toHaveCount(0);
  await expect(item.getByRole('table', { name: /Timeline of/ })).toContainText('Asked "binance is still disconnected: resolve anyway?": kept it open.');

  await ask();
  await item.getByRole('button', { name: 'Resolve anyway' }).click();
  await expect(incident(page, 'binance')).toHaveCount(0);
  await page.getByRole('button', { name: 'Resolved today (1)' }).click();
  const done = page.getByRole('list', { name: 'Resolved incidents' }).getByRole('listitem').filter({ hasText: 'binance' });
  await expect(done).toContainText('Binance said it was maintenance.');
  // Both answers are in the timeline it exports.
  const download = page.waitForEvent('download');
  await done.getByRole('button', { name: 'Export timeline' }).click();
  const text = readFileSync((await (await download).path())!, 'utf8');
  expect(text).toContain('Asked "binance is still disconnected: resolve anyway?": kept it open.');
  expect(text).toContain('Resolved while binance is still disconnected (asked "resolve anyway?": yes). Binance said it was maintenance.');
});

test('a broken playbook file is refused, naming the field, and the playbook in force stays', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  const broken = { ...DEFAULT_PLAYBOOK, alerting: { clearAfterSeconds: -5 } };
  await page.getByLabel('Import playbook').setInputFiles({
    name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'broken.json' })).toContainText('alerting.clearAfterSeconds');
  await expect(page.getByText('Playbook: HFT on-call playbook v1')).toBeVisible();
});

test('the timeline records the runbook and exports as Markdown', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await expect(incident(page, 'kraken')).toContainText('SEV2', { timeout: RAISE_TIMEOUT_MS });
  const item = await workOn(page, 'kraken');
  // The runbook's command has the incident's exchange filled in.
  await expect(item).toContainText('./scripts/check_exchange_status.sh KRAKEN');
  await item.getByRole('button', { name: 'Acknowledge', exact: true }).click();
  // The box is ticked once the host has recorded the step, not on the click itself.
  const step = item.getByRole('checkbox', { name: 'See whether the exchange itself is down' });
  await step.click();
  await expect(step).toBeChecked();
  await expect(item.getByRole('table', { name: /Timeline/ })).toContainText('See whether the exchange itself is down');

  const download = page.waitForEvent('download');
  await item.getByRole('button', { name: 'Export timeline' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^INC-1-.*\.md$/);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text).toMatch(/^# INC-1 SEV2: Exchange disconnected: kraken/);
  expect(text).toContain('## Timeline');
  expect(text).toMatch(/Acknowledged/);
  expect(text).toContain('See whether the exchange itself is down');
  expect(text).toMatch(/Audit log head at export: record \d+, hash `[0-9a-f]{64}`/);
});

test('an engineer opens an incident by hand', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await page.getByRole('button', { name: 'Open incident', exact: true }).click();
  await page.getByLabel(/^Title/).fill('Desk reports stuck orders on okx');
  await page.getByLabel('Severity of the new incident').selectOption('SEV1');
  await page.getByRole('button', { name: 'Open incident now' }).click();
  await expect(incident(page, 'stuck orders on okx')).toContainText('SEV1');
  const item = await workOn(page, 'stuck orders on okx');
  await expect(item).toContainText(/no runbook/i);
  await expect(item.getByRole('timer', { name: 'Next deadline' })).toContainText('Acknowledge');
});
