/**
 * The handoff's sign-off across two cockpits, each a browser host on its
 * own data folder: the outgoing engineer exports the note, the incoming
 * one opens it in their cockpit, reads it and accepts; the acceptance file
 * goes back and the outgoing cockpit shows "read and accepted by" too.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startBundledHost, startTs, type Started } from '../harness/process.js';
import { expect, test } from './fixtures.js';

const HOST_READY = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/;
const SHOTS = process.env.SIGNOFF_SHOTS; // a folder to keep screenshots in, when set

async function startCockpit(simUrl: string, operatorName: string): Promise<{ host: Started; dataDir: string; url: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), `cockpit-e2e-${operatorName}-`));
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ operatorName, timeZone: 'UTC' }));
  const host = await startBundledHost(['--api', simUrl, '--port', '0', '--data-dir', dataDir], HOST_READY);
  return { host, dataDir, url: host.match[1]! };
}

async function openHandoff(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('region', { name: 'Exchanges' })).toBeVisible();
  await page.getByRole('button', { name: 'Handoff', exact: true }).click();
  return page.getByRole('dialog', { name: 'Handoff' });
}

test('export the handoff, open it in a second cockpit on another data folder, accept it, and see the sign-off on both', async ({ browser, sim }) => {
  test.setTimeout(90_000);
  const ana = await startCockpit(sim.url, 'ana');
  const bob = await startCockpit(sim.url, 'bob');
  const outgoingPage = await (await browser.newContext({ acceptDownloads: true })).newPage();
  const incomingPage = await (await browser.newContext({ acceptDownloads: true })).newPage();
  try {
    // Outgoing: write the note for bob and export it.
    const outgoing = await openHandoff(outgoingPage, ana.url);
    await outgoing.getByLabel('To (incoming engineer)').fill('bob');
    await outgoing.getByLabel('Notes').fill('Kraken keys rotate on Monday');
    await expect(outgoing.getByRole('status', { name: 'Draft saved' })).toContainText('Draft saved');
    const exported = outgoingPage.waitForEvent('download');
    await outgoing.getByRole('button', { name: 'Export' }).click();
    const notePath = (await (await exported).path())!;
    await expect(outgoing.getByRole('status', { name: 'Outgoing sign-off' })).toContainText('for bob: not yet accepted');

    // Incoming: open the file, read it, accept.
    const incoming = await openHandoff(incomingPage, bob.url);
    await incoming.getByLabel('Incoming handoff file').setInputFiles(notePath);
    const region = incoming.getByRole('region', { name: 'Incoming handoff' });
    await expect(region).toContainText('From ana to bob');
    await expect(region.getByLabel('Incoming handoff note')).toContainText('- Kraken keys rotate on Monday');
    const accepted = incomingPage.waitForEvent('download');
    await region.getByRole('button', { name: 'Read and accepted as bob' }).click();
    const acceptance = await accepted;
    expect(acceptance.suggestedFilename()).toMatch(/^handoff-accepted-\d{4}-\d\d-\d\d-\d{4}\.json$/);
    await expect(region.getByRole('status', { name: 'Incoming sign-off' })).toContainText(/Read and accepted by bob at \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)/);
    if (SHOTS) await incomingPage.screenshot({ path: `${SHOTS}/signoff-incoming-1600.png` });

    // Back to the outgoing cockpit: the acceptance closes the loop.
    await outgoing.getByLabel('Acceptance file').setInputFiles((await acceptance.path())!);
    await expect(outgoing.getByRole('status', { name: 'Outgoing sign-off' })).toContainText(/Read and accepted by bob at \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\)/);
    if (SHOTS) {
      await outgoingPage.setViewportSize({ width: 1280, height: 800 });
      await outgoingPage.screenshot({ path: `${SHOTS}/signoff-outgoing-1280.png` });
    }

    // Both sides have it on their audit log, and keep it across a reload.
    expect(readFileSync(join(ana.dataDir, 'audit.log'), 'utf8')).toContain('"type":"handoff.acceptance_received"');
    expect(readFileSync(join(bob.dataDir, 'audit.log'), 'utf8')).toContain('"type":"handoff.accepted","actor":"bob"');
    // Left first: the same URL with a `#` part is a jump within the page, not a load.
    await incomingPage.goto('about:blank');
    const again = await openHandoff(incomingPage, bob.url);
    await expect(again.getByRole('status', { name: 'Incoming sign-off' })).toContainText('Read and accepted by bob');
  } finally {
    await outgoingPage.context().close();
    await incomingPage.context().close();
    await ana.host.stop();
    await bob.host.stop();
    rmSync(ana.dataDir, { recursive: true, force: true });
    rmSync(bob.dataDir, { recursive: true, force: true });
  }
});
