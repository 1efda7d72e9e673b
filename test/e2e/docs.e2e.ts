/**
 * The offline docs and the handoff end to end in the browser host: the
 * procedures document imported through the file picker, searched, a section
 * read, all of it still there after a restart of the backend; the contact
 * directory; the escalation call script; the handoff note naming an incident the simulator raised, its
 * draft kept across a restart, exported as Markdown.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openCockpit, test, type Cockpit } from './fixtures.js';

const FIXTURE = fileURLToPath(new URL('../../../shared/fixtures/oncall-procedures.txt', import.meta.url));
/** Polls end to end are a second apart; staging to screen takes a few. */
const RAISE_TIMEOUT_MS = 15_000;

/**
 * Restarts the backend and loads the page afresh. The token survives the
 * restart, so the cockpit's URL is the one already open, and going to the
 * same URL with a `#` part is a jump within the page, not a load: the page
 * is left first, so what it shows comes from the restarted backend.
 */
async function restartAndReopen(page: Page, cockpit: Cockpit) {
  await cockpit.restart();
  await page.goto('about:blank');
  await openCockpit(page, cockpit);
  await expect(page.getByRole('status', { name: 'Host link' })).toContainText('up');
}

test('imports the procedures through the file picker, finds "latency", reads the section, and keeps it across a restart', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await page.getByRole('button', { name: 'Docs', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Docs' });
  await expect(dialog.getByRole('heading', { name: 'Docs' })).toBeVisible();
  await dialog.getByLabel('Import document file').setInputFiles(FIXTURE);
  await expect(dialog.getByRole('status').filter({ hasText: 'Imported oncall-procedures.txt' })).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Imported documents' })).toContainText('oncall-procedures.txt');

  await dialog.getByRole('searchbox', { name: 'Search documents' }).fill('latency');
  const results = dialog.getByRole('region', { name: 'Search results' });
  const first = results.getByRole('listitem').first();
  await expect(first.getByRole('button')).toHaveText(/SCENARIO 2: "High Latency" Alert/);
  await expect(first.locator('mark').first()).toHaveText(/latency/i);
  await first.getByRole('button').click();
  const reader = dialog.getByRole('article', { name: 'Section' });
  await expect(reader.getByRole('heading', { name: /High Latency/ })).toBeVisible();
  await expect(reader).toContainText('./scripts/latency_report.sh');

  await restartAndReopen(page, cockpit);
  // `/` from the page opens the Docs view with the search box focused.
  await page.locator('body').press('/');
  const box = page.getByRole('dialog', { name: 'Docs' }).getByRole('searchbox', { name: 'Search documents' });
  await expect(box).toBeFocused();
  await box.fill('handoff template');
  await expect(page.getByRole('region', { name: 'Search results' }).getByRole('listitem').first()).toContainText('7. HANDOFF PROCEDURES');
});

test('shows the contact directory grouped, with phone and email links', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await page.getByRole('button', { name: 'Docs', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Docs' });
  await dialog.getByRole('tab', { name: 'Contacts' }).click();
  await expect(dialog.getByRole('region', { name: 'Trading desk' }).getByRole('link', { name: /Call Trading desk/ })).toHaveAttribute('href', 'tel:+15550103');
  await dialog.getByRole('searchbox', { name: 'Search contacts' }).fill('kraken');
  const exchanges = dialog.getByRole('region', { name: 'Exchanges' });
  await expect(exchanges.getByRole('link', { name: /Email Kraken support/ })).toHaveAttribute('href', 'mailto:support@kraken.com');
  await expect(dialog.getByRole('region', { name: 'Trading desk' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('the handoff note lists an incident the simulator raised, keeps the draft across a restart, and exports', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'kraken' });
  const row = page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem').filter({ hasText: 'kraken' });
  await expect(row).toContainText('SEV2', { timeout: RAISE_TIMEOUT_MS });
  await expect(row).toHaveAttribute('aria-current', 'true');
  const item = page.getByRole('region', { name: 'Selected incident' });

  // The escalate form offers what to say on the call, prefilled from the timeline and the live figures, with the numbers to call.
  await item.getByRole('button', { name: 'Escalate', exact: true }).click();
  const escalate = item.getByRole('form', { name: 'Escalate INC-1' });
  const script = escalate.getByRole('textbox', { name: /^Summary given/ });
  await expect(script).toHaveValue(/I am escalating INC-1 to you \(Level 2, Senior platform engineer\)/);
  await expect(script).toHaveValue(/- Also: Now: 1 of 12 exchanges disconnected: kraken/);
  await expect(escalate.getByRole('link', { name: '+1-555-0101' })).toHaveAttribute('href', 'tel:+15550101');
  await escalate.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();

  await page.getByRole('button', { name: 'Handoff', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Handoff' });
  await dialog.getByLabel('To (incoming engineer)').fill('bob');
  await dialog.getByLabel('Ongoing monitoring').fill('Kraken flapping, watch reconnects');
  await dialog.getByLabel('How to reach me').fill('+1-555-0199');
  const preview = dialog.getByRole('region', { name: 'Handoff preview' });
  await expect(preview).toContainText('INC-1 SEV2: Exchange disconnected: kraken');
  await expect(preview).toContainText('- To: bob');
  await expect(preview).toContainText('- Kraken flapping, watch reconnects');
  await expect(dialog.getByRole('status', { name: 'Draft saved' })).toContainText('Draft saved');

  await restartAndReopen(page, cockpit);
  await page.keyboard.press('Alt+h');
  await expect(page.getByRole('dialog', { name: 'Handoff' }).getByLabel('To (incoming engineer)')).toHaveValue('bob');

  const download = page.waitForEvent('download');
  await page.getByRole('dialog', { name: 'Handoff' }).getByRole('button', { name: 'Export' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^handoff-\d{4}-\d\d-\d\d-\d{4}\.md$/);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text).toMatch(/^# On-call handoff: /);
  expect(text).toContain('### INC-1 SEV2: Exchange disconnected: kraken');
  expect(text).toContain('- +1-555-0199');
  expect(text).toMatch(/## Recent activity\n\n- \d\d:\d\d INC-1/);
});
