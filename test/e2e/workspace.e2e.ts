/**
 * The incident workspace at 3 a.m., end to end in the browser host: the five
 * alert scenarios staged on the simulator, at the two laptop sizes. Triage
 * order in the queue, the strip and the title; the live view in sight
 * beside the selected incident; selection and J/K; incident keys that act
 * on the selected incident only and never behind a dialog or inside a
 * terminal; the big countdown completed where it is shown; the halted
 * state; and axe-core on each of these views.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from '@playwright/test';
import { expect, holdBackAnswers, openCockpit, test, type Cockpit, type Simulator } from './fixtures.js';
import { screenText, watchTerminals } from './terminal-screen.js';

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1600, height: 1000 },
] as const;

/** Polls end to end are a second apart, and disk low holds 30 s before it opens; five incidents on a shared machine take a while. */
const RAISE_TIMEOUT_MS = 60_000;

const queue = (page: Page) => page.getByRole('list', { name: 'Open incidents' });
const rows = (page: Page) => queue(page).getByRole('listitem');
const detail = (page: Page) => page.getByRole('region', { name: 'Selected incident' });
const selectedRow = (page: Page) => queue(page).locator('[aria-current="true"]');

/** The four scenarios that leave the API answering, then the crash: five incidents. */
async function stageFive(page: Page, sim: Simulator) {
  // Disk low first: its 30 s hold runs while the others open.
  await sim.stage({ name: 'disk_low', disk_pct: 97 });
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await sim.stage({ name: 'high_latency', order_p99_ms: 40 });
  await sim.stage({ name: 'loss_limit_approach', target_pct: 95, over_s: 2 });
  await expect(rows(page)).toHaveCount(4, { timeout: RAISE_TIMEOUT_MS });
  await expect(page.getByRole('meter', { name: 'Daily loss limit used' })).toHaveAttribute('aria-valuenow', /^9[4-9]/, { timeout: RAISE_TIMEOUT_MS });
  await sim.stage({ name: 'crash' });
  await expect(rows(page)).toHaveCount(5, { timeout: RAISE_TIMEOUT_MS });
}

/** Stages the four scenarios that keep the live view answering. */
async function stageFour(page: Page, sim: Simulator) {
  // Disk low first: its 30 s hold runs while the others open.
  await sim.stage({ name: 'disk_low', disk_pct: 97 });
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await sim.stage({ name: 'high_latency', order_p99_ms: 40 });
  await sim.stage({ name: 'loss_limit_approach', target_pct: 95, over_s: 2 });
  await expect(rows(page)).toHaveCount(4, { timeout: RAISE_TIMEOUT_MS });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe-core violations on the page as it is; axe is evaluated as source, since the CSP forbids an injected script tag. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.where.join(' ')}`);
}

/** The box is wholly inside the viewport and above the terminal dock at its foot. */
async function expectInSight(page: Page, locator: Locator, name: string) {
  const box = await locator.boundingBox();
  const dockTop = (await page.locator('.terminal-area').boundingBox())?.y ?? page.viewportSize()!.height;
  expect(box, `${name} has a box`).not.toBeNull();
  expect(box!.y, `${name} top`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${name} right edge`).toBeLessThanOrEqual(page.viewportSize()!.width);
  expect(box!.y + box!.height, `${name} bottom`).toBeLessThanOrEqual(dockTop);
}

/** Nothing inside `locator` is cut off sideways: its content is no wider than its box. */
async function expectNotClipped(locator: Locator, name: string) {
  const { scroll, client } = await locator.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(scroll, `${name} fits its width`).toBeLessThanOrEqual(client + 1);
}

for (const viewport of VIEWPORTS) {
  test(`at ${viewport.width}x${viewport.height} five incidents queue in triage order beside the live view`, async ({ page, cockpit, sim }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(viewport);
    await openCockpit(page, cockpit);
    expect(await seriousViolations(page), 'calm view').toEqual([]);
    await stageFive(page, sim);

    // Severity first: both SEV1s lead, whatever their clocks say.
    const severities = await rows(page).evaluateAll((items) => items.map((li) => li.textContent?.match(/SEV\d/)?.[0]));
    expect(severities).toEqual(['SEV1', 'SEV1', 'SEV2', 'SEV2', 'SEV3']);
    await expect(page.getByRole('status', { name: 'Most urgent deadline' })).toContainText('SEV1');
    const first = (await rows(page).first().getAttribute('data-incident-id'))!;
    await expect(page).toHaveTitle(new RegExp(`^\\(5\\) ⚠ .* ${first} — On-call cockpit$`));

    // One selected, the first in triage order, shown in the detail.
    await expect(selectedRow(page)).toHaveCount(1);
    await expect(rows(page).first()).toHaveAttribute('aria-current', 'true');
    await expect(detail(page)).toContainText(first);

    // The live view stays in sight beside it.
    await expectInSight(page, page.getByRole('status', { name: 'Trading health' }), 'the health verdict');
    await expectInSight(page, page.getByRole('meter', { name: 'Daily loss limit used' }), 'the loss-limit gauge');
    await expectInSight(page, page.getByRole('region', { name: 'Exchanges' }), 'the Exchanges panel');
    await expect(page.getByRole('status', { name: 'Trading health' })).toContainText(/Not responding since \d{2}:\d{2}:\d{2}/);
    await expect(detail(page).getByRole('timer', { name: 'Next deadline' })).toBeVisible();

    // Nothing clipped: the page, the exchanges' rate-limit column, the positions' uPnL.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectNotClipped(page.getByRole('region', { name: 'Exchanges' }), 'the Exchanges panel');
    await expectInSight(page, page.getByRole('region', { name: 'Exchanges' }).getByRole('columnheader', { name: 'Rate limit' }), 'the rate-limit column');
    await expectNotClipped(page.locator('.panel-positions'), 'the Positions panel');
    await expectNotClipped(queue(page), 'the queue');

    await page.screenshot({ path: `test-results/workspace-five-${viewport.width}.png` });
    expect(await seriousViolations(page), 'incidents open').toEqual([]);
  });
}

test('J/K and the arrows move the selection; keys act on the selected incident and name it', async ({ page, cockpit, sim }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(VIEWPORTS[0]);
  await openCockpit(page, cockpit);
  await stageFour(page, sim);
  const ids = await rows(page).evaluateAll((items) => items.map((li) => li.getAttribute('data-incident-id')!));

  await page.keyboard.press('j');
  await expect(selectedRow(page)).toHaveAttribute('data-incident-id', ids[1]!);
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(selectedRow(page)).toHaveAttribute('data-incident-id', ids[1]!);
  await selectedRow(page).focus();
  await page.keyboard.press('ArrowDown');
  await expect(selectedRow(page)).toHaveAttribute('data-incident-id', ids[2]!);
  await expect(selectedRow(page)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(selectedRow(page)).toHaveAttribute('data-incident-id', ids[0]!);

  // A acknowledges the selected incident, and only it; the outcome names it.
  await page.keyboard.press('k');
  await page.keyboard.press('a');
  const outcome = page.getByRole('status', { name: 'Last incident key' });
  await expect(outcome).toContainText(`Acknowledged ${ids[0]}`);
  await expect(detail(page).getByRole('button', { name: 'Acknowledge', exact: true })).toBeDisabled();
  await page.keyboard.press('a');
  await expect(outcome).toContainText(new RegExp(`${ids[0]} .*: not done\\. ${ids[0]} was already acknowledged by \\S+ at \\d{2}:\\d{2}\\.`));
  // The next key clears the refusal.
  await page.keyboard.press('j');
  await expect(outcome).toBeEmpty();
  await page.keyboard.press('k');
  for (const id of ids.slice(1)) {
    await page.keyboard.press('j');
    await expect(detail(page)).toContainText(id);
    await expect(detail(page).getByRole('button', { name: 'Acknowledge', exact: true })).toBeEnabled();
  }
});

test('the big countdown is completed where it is shown, with no false OVERDUE', async ({ page, cockpit, sim }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(VIEWPORTS[0]);
  await openCockpit(page, cockpit);
  // A loss limit approach loses more than the $10K mark, which makes Level 3 due at once; the crash is a SEV1 without it.
  await sim.stage({ name: 'crash' });
  await expect(rows(page)).toHaveCount(1, { timeout: RAISE_TIMEOUT_MS });
  const clock = detail(page).getByRole('timer', { name: 'Next deadline' });
  await expect(clock).toContainText('Acknowledge');
  await detail(page).getByRole('button', { name: /^Acknowledge INC-\d+$/ }).click();
  // SEV1: Level 2 is paged within 5 minutes, the desk told within the same 5; the big countdown opens the escalate form.
  await expect(clock).toContainText('Escalate to Level 2');
  await expect(clock).not.toContainText('OVERDUE');
  await detail(page).getByRole('button', { name: /^Escalate INC-\d+$/ }).first().click();
  await detail(page).getByRole('button', { name: /^Escalate to Level 2 \(someone else called\)$/ }).click();
  await expect(clock).toContainText('Tell the trading desk');
  await expect(clock).not.toContainText('OVERDUE');
  await detail(page).getByRole('button', { name: 'Mark done: Tell the trading desk' }).click();
  await expect(clock).not.toContainText('Tell the trading desk');
  await expect(clock).not.toContainText('OVERDUE');
  await expect(detail(page).getByRole('table', { name: /Timeline/ })).toContainText('trading desk told');
});

/** Each dialog: open it, press an incident key, check nothing acted and focus stayed inside, close with Escape, focus back. */
const DIALOGS = [
  { open: 'Docs', name: 'Docs' },
  { open: 'Handoff', name: 'Handoff' },
  { open: 'Settings', name: 'Settings' },
  { open: 'Pre-shift check', name: /Pre-shift check/ },
  { open: 'Kill switch', name: 'Kill switch' },
] as const;

/** How long the backend's answer to opening a shell is held, ms: long enough to type a few keys meanwhile. */
const OPEN_DELAY_MS = 1_500;

/** The cockpit at 1280x800 with one incident open (kraken disconnected), terminals watched; its Acknowledge button. */
async function krakenOpenAt1280(page: Page, cockpit: Cockpit, sim: Simulator): Promise<Locator> {
  await watchTerminals(page);
  await page.setViewportSize(VIEWPORTS[0]);
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  await expect(rows(page)).toHaveCount(1, { timeout: RAISE_TIMEOUT_MS });
  return detail(page).getByRole('button', { name: 'Acknowledge', exact: true });
}

/** Types `command` and Enter into the focused terminal, and waits until its screen shows `printed`. */
async function runInTerminal(page: Page, command: string, printed: RegExp) {
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toMatch(printed);
}

/** Ctrl+` opens a local shell, which is asked for 42 and shows it. */
async function shellShowing42(page: Page) {
  await page.keyboard.press('Control+Backquote');
  await expect(page.getByRole('tab', { name: /Local/ })).toHaveAttribute('aria-selected', 'true');
  await runInTerminal(page, 'echo $((6*7))', /^42\s*$/m);
}

test('incident keys do nothing behind each dialog or inside a terminal; dialogs keep focus and give it back', async ({ page, cockpit, sim }) => {
  test.setTimeout(240_000);
  const acknowledge = await krakenOpenAt1280(page, cockpit, sim);

  for (const d of DIALOGS) {
    const opener = page.getByRole('button', { name: d.open, exact: true });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: d.name });
    await expect(dialog).toBeVisible();
    await expect(page.locator('dialog[open]')).toHaveCount(1);
    for (const key of ['a', 'e', 'm', 'j']) await page.keyboard.press(key);
    // Focus never leaves the dialog, however far the engineer tabs.
    for (let n = 0; n < 25; n++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('dialog[open]') !== null), `${d.open}: focus inside after ${n + 1} tabs`).toBe(true);
    }
    expect(await seriousViolations(page), `${d.open} dialog open`).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(opener).toBeFocused();
    await expect(acknowledge, `after the ${d.open} dialog`).toBeEnabled();
    await expect(page.getByRole('status', { name: 'Last incident key' })).toBeEmpty();
  }

  await page.getByRole('button', { name: 'New terminal' }).click();
  await page.getByRole('menuitem', { name: 'Local shell' }).click();
  await expect(page.getByRole('tab', { name: /Local/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.type('a e m');
  await page.waitForTimeout(1_500);
  await expect(acknowledge, 'after typing in the terminal').toBeEnabled();
});

test('Ctrl+` with no terminal open opens a local shell, and what is typed at once never reaches the incident keys', async ({ page, cockpit, sim }) => {
  test.setTimeout(120_000);
  const acknowledge = await krakenOpenAt1280(page, cockpit, sim);
  await expect(acknowledge).toBeEnabled();

  await page.keyboard.press('Control+Backquote');
  // Typed before the shell is there: the keys stay in the panel (the last of them may reach the shell).
  await page.keyboard.type('a e m');
  await expect(page.getByRole('tab', { name: /Local/ })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => screenText(page)).toMatch(/\S/);
  await page.keyboard.press('Control+u');
  await page.keyboard.type('echo $((6*7))');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toMatch(/^42\s*$/m);
  await expect(acknowledge, 'after typing into the new terminal').toBeEnabled();
  await expect(page.getByRole('status', { name: 'Last incident key' })).toBeEmpty();

  // Ctrl+` hides the panel, and shows it again with the same shell focused.
  await page.keyboard.press('Control+Backquote');
  await expect(page.locator('#terminal-body')).toBeHidden();
  await page.keyboard.press('Control+Backquote');
  await runInTerminal(page, 'echo $((7*8))', /^56\s*$/m);
  await expect(page.getByRole('tab', { name: /Local/ })).toHaveCount(1);
  await expect(acknowledge).toBeEnabled();
});

test('a shell opened from the + menu with the panel closed holds the keys typed while it opens', async ({ page, cockpit, sim }) => {
  test.setTimeout(120_000);
  // A slow backend: the shell's answer takes a while, and the engineer types meanwhile.
  await holdBackAnswers(page, (call) => call.name === 'terminal.open', OPEN_DELAY_MS);
  const acknowledge = await krakenOpenAt1280(page, cockpit, sim);
  await expect(page.locator('#terminal-body')).toBeHidden();
  await page.getByRole('button', { name: 'New terminal' }).click();
  await page.getByRole('menuitem', { name: 'Local shell' }).click();
  await page.keyboard.type('a e m');
  await expect(page.getByRole('tab', { name: /Local/ })).toHaveAttribute('aria-selected', 'true');
  await runInTerminal(page, 'echo $((6*7))', /^42\s*$/m);
  await expect(acknowledge, 'after typing while the shell opened').toBeEnabled();
  await expect(page.getByRole('status', { name: 'Last incident key' })).toBeEmpty();
});

test('Ctrl+` right after a reload waits for the host\'s sessions: the shell that is there, not a second one', async ({ page, cockpit, sim }) => {
  test.setTimeout(120_000);
  const acknowledge = await krakenOpenAt1280(page, cockpit, sim);
  await shellShowing42(page);

  // After the reload the host's list of sessions is held back 1.5 s, as on a loaded host.
  const LIST_DELAY_MS = 1_500;
  await holdBackAnswers(page, (call) => call.name === 'terminal.list', LIST_DELAY_MS);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Exchanges' })).toBeVisible();
  await page.keyboard.press('Control+Backquote');
  // Typed before the sessions are read: held by the panel, never the incident keys.
  await page.keyboard.type('a e');
  await expect(page.getByRole('tab', { name: /Local/ })).toHaveAttribute('aria-selected', 'true');
  await page.waitForTimeout(LIST_DELAY_MS);
  await expect(page.getByRole('tab', { name: /Local/ })).toHaveCount(1);
  await expect.poll(() => screenText(page)).toMatch(/^42\s*$/m);
  await page.keyboard.press('Control+u');
  await runInTerminal(page, 'echo $((7*8))', /^56\s*$/m);
  await expect(acknowledge).toBeEnabled();
});

test('a reload with a shell open never puts the focus in the shell: the next key is the incident\'s', async ({ page, cockpit, sim }) => {
  test.setTimeout(120_000);
  const acknowledge = await krakenOpenAt1280(page, cockpit, sim);
  await shellShowing42(page);
  await page.reload();
  // The panel comes back open with the shell re-attached; the focus stays with the page.
  await expect(page.getByRole('tab', { name: /Local/ })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => screenText(page)).toMatch(/^42\s*$/m);
  await expect(page.locator('#terminal-body')).toBeVisible();
  await page.waitForTimeout(1_000);
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.terminal-area'))).toBe(false);
  await page.keyboard.press('a');
  await expect(acknowledge).toBeDisabled();
  await expect.poll(() => screenText(page)).toMatch(/^root@[^\n]*#\s*$/m);
});

test('after the kill switch fired, one halted state everywhere', async ({ page, cockpit, sim }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(VIEWPORTS[0]);
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'loss_limit_approach', target_pct: 95, over_s: 0 });
  await expect(page.getByText(/ARMED: loss limit 9\d% used/)).toBeVisible({ timeout: RAISE_TIMEOUT_MS });
  await sim.stage({ name: 'loss_limit_approach', target_pct: 110, over_s: 0 });

  const halted = page.getByRole('status', { name: 'Trading halted' });
  await expect(halted).toContainText(/^TRADING HALTED since \d{2}:\d{2}:\d{2} \(loss limit\)$/, { timeout: RAISE_TIMEOUT_MS });
  await expect(page.getByRole('status', { name: 'Trading health' })).toContainText(/Halted since \d{2}:\d{2}:\d{2} \(loss limit\)/);
  await expect(page.getByText(/ARMED: loss limit/)).toHaveCount(0);
  await expect(page.locator('.killswitch-control')).toContainText(/HALTED since/);
  await expect(page.getByText('KILLSWITCH ACTIVE', { exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: 'Kill switch', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Kill switch' });
  await expect(dialog).toContainText(/Trading is already halted since \d{2}:\d{2}:\d{2} \(loss limit\)/);
  await expect(dialog).toContainText(/Read back at \d{2}:\d{2}:\d{2}: killswitch active/);
  await expect(dialog).toContainText('Tell the trading desk');
  await expect(dialog).not.toContainText('(0 running)');
  await expect(dialog.getByRole('button', { name: 'Hold to activate' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/workspace-halted.png' });
  expect(await seriousViolations(page), 'halted dialog open').toEqual([]);
  await dialog.getByRole('button', { name: 'Send the killswitch again' }).click();
  await expect(dialog.getByRole('button', { name: 'Hold to activate' })).toBeVisible();
});
