/**
 * SSH terminals in Chromium against the browser host and a real OpenSSH
 * sshd on loopback (test/harness/sshd.ts), logged in through an ssh-agent:
 * a prod host added in the hosts dialog, its unknown host key shown and
 * trusted (or not), a changed host key refused until the pin is replaced,
 * and the prod guard holding a service restart for a confirmation.
 *
 * The browser host inherits this worker's environment: SSH_AUTH_SOCK points
 * it at the test agent, HOME at an empty home so the machine's own
 * ~/.ssh/known_hosts plays no part.
 */
import type { Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeDir, makeUserKeys, removeDir, startAgent, startSshd, TEST_USER, type TestAgent, type TestSshd } from '../harness/sshd.js';
import { expect, openCockpit, test } from './fixtures.js';
import { screenText, watchTerminals } from './terminal-screen.js';

const HOST_NAME = 'hft-prod-e2e';
const SHOTS = 'test-results';

let dir: string;
let sshd: TestSshd;
let agent: TestAgent;
const savedEnv = { SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK, HOME: process.env.HOME };

test.beforeAll(async () => {
  dir = makeDir('ssh-e2e');
  const keys = await makeUserKeys(dir);
  sshd = await startSshd({ dir, authorizedKeys: keys.authorizedKeys });
  agent = await startAgent(dir, [keys.plain]);
  const home = join(dir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  process.env.SSH_AUTH_SOCK = agent.socket;
  process.env.HOME = home;
});

test.afterAll(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await sshd?.stop();
  await agent?.stop();
  if (dir) removeDir(dir);
});

test.beforeEach(async ({ page }) => {
  await watchTerminals(page);
});

/** The sshd's current host key fingerprint as OpenSSH prints it ("SHA256:…"). */
async function hostKeyFingerprint(): Promise<string> {
  const { stdout } = await promisify(execFile)('ssh-keygen', ['-lf', join(dir, 'ssh_host_ed25519_key.pub')]);
  return stdout.split(/\s+/)[1]!;
}

/** Adds the harness sshd as a prod host logged in through the agent, in the hosts dialog. */
async function addProdHost(page: Page) {
  await page.getByRole('button', { name: 'New terminal' }).click();
  await page.getByRole('menuitem', { name: 'Manage SSH hosts…' }).click();
  const hosts = page.getByRole('dialog', { name: 'SSH hosts' });
  const form = hosts.getByRole('form', { name: 'Add a host' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(HOST_NAME);
  await form.getByRole('textbox', { name: 'Host', exact: true }).fill(sshd.host);
  await form.getByRole('textbox', { name: 'Port', exact: true }).fill(String(sshd.port));
  await form.getByRole('textbox', { name: 'User', exact: true }).fill(TEST_USER);
  await form.getByRole('combobox', { name: 'Role' }).selectOption('prod');
  await form.getByRole('combobox', { name: 'Login' }).selectOption('agent');
  await form.getByRole('button', { name: 'Save host' }).click();
  await expect(hosts.getByRole('status')).toHaveText(`Saved ${HOST_NAME}.`);
  await expect(hosts.getByRole('row', { name: new RegExp(HOST_NAME) })).toContainText(`${TEST_USER}@${sshd.host}:${sshd.port}`);
  await hosts.getByRole('button', { name: 'Close' }).click();
  await expect(hosts).toBeHidden();
}

async function openHostTerminal(page: Page) {
  await page.getByRole('button', { name: 'New terminal' }).click();
  await page.getByRole('menuitem', { name: `SSH: ${HOST_NAME} (prod)` }).click();
}

const hostTabs = (page: Page) => page.getByRole('tab', { name: new RegExp(`^${HOST_NAME}`) });

/** Opens the host's terminal, trusts its (unknown) key, and waits for a shell prompt. */
async function connectTrusting(page: Page) {
  await openHostTerminal(page);
  const dialog = page.getByRole('dialog', { name: 'Unknown host key' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Trust and connect' }).click();
  await expect(dialog).toBeHidden();
  await expect(hostTabs(page).last()).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => screenText(page)).toMatch(/[#$]\s*$/m);
}

/** Every file under `root`, recursively. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test('a prod host added in the hosts dialog: its key is shown, trusted, and the shell is recorded', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await addProdHost(page);
  await openHostTerminal(page);

  const dialog = page.getByRole('dialog', { name: 'Unknown host key' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`${sshd.host}:${sshd.port}`);
  await expect(dialog.locator('.fingerprints dd code')).toHaveText(await hostKeyFingerprint());
  await expect(dialog.getByRole('button')).toHaveText(['Cancel', 'Trust and connect']);
  await page.screenshot({ path: `${SHOTS}/ssh-unknown-key.png` });
  await dialog.getByRole('button', { name: 'Trust and connect' }).click();

  const tab = hostTabs(page);
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(tab).toContainText('PROD');
  await expect(tab).toContainText('REC');
  await expect.poll(() => screenText(page)).toMatch(/[#$]\s*$/m);
  await page.keyboard.type('hostname');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toMatch(new RegExp(`^${hostname()}\\s*$`, 'm'));
  await page.keyboard.type('echo $((6*7))');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toMatch(/^42\s*$/m);
  await page.screenshot({ path: `${SHOTS}/ssh-shell.png` });

  const recordingPath = (await tab.locator('.rec').getAttribute('title'))!.replace(/^Recording to /, '');
  expect(recordingPath.startsWith(join(cockpit.dataDir, 'transcripts'))).toBe(true);
  expect(filesUnder(cockpit.dataDir)).toContain(recordingPath);
  await expect.poll(() => readFileSync(recordingPath, 'utf8')).toMatch(/^42\s*$/m);
  const audit = readFileSync(join(cockpit.dataDir, 'audit.log'), 'utf8');
  expect(audit).toContain('ssh.hostkey.trusted');
});

test('cancelling the unknown host key connects nothing and says so', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await addProdHost(page);
  await openHostTerminal(page);
  const dialog = page.getByRole('dialog', { name: 'Unknown host key' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('alert')).toContainText(`${sshd.host}:${sshd.port}`);
  await page.screenshot({ path: `${SHOTS}/ssh-unknown-key-cancelled.png` });
  await expect(hostTabs(page)).toHaveCount(0);
  expect(existsSync(join(cockpit.dataDir, 'transcripts')) && filesUnder(join(cockpit.dataDir, 'transcripts')).length > 0).toBe(false);
});

test('a changed host key is refused until the engineer replaces the pin', async ({ page, cockpit }) => {
  test.setTimeout(90_000);
  await openCockpit(page, cockpit);
  await addProdHost(page);
  const pinned = await hostKeyFingerprint();
  await connectTrusting(page);

  await sshd.restart({ newHostKey: true });
  const offered = await hostKeyFingerprint();
  expect(offered).not.toBe(pinned);
  await expect(hostTabs(page).first()).toContainText('ended');

  await openHostTerminal(page);
  const dialog = page.getByRole('dialog', { name: 'Host key changed' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.fingerprints dd code')).toHaveText([pinned, offered]);
  await expect(dialog.getByRole('button')).toHaveText(['Cancel', 'Replace the pinned key']);
  await page.screenshot({ path: `${SHOTS}/ssh-changed-key.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(hostTabs(page)).toHaveCount(1);
  expect(readFileSync(join(cockpit.dataDir, 'audit.log'), 'utf8')).not.toContain('ssh.hostkey.replaced');

  await openHostTerminal(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Replace the pinned key' }).click();
  await expect(dialog).toBeHidden();
  await expect(hostTabs(page)).toHaveCount(2);
  await expect(hostTabs(page).last()).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => screenText(page)).toMatch(/[#$]\s*$/m);
  await page.keyboard.type('echo replaced-$((40+2))');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toMatch(/^replaced-42\s*$/m);
  const audit = readFileSync(join(cockpit.dataDir, 'audit.log'), 'utf8');
  expect(audit).toContain('ssh.hostkey.replaced');
  expect(audit).toContain(offered);
});

test('the prod guard asks who approved a service restart, a cancel erases the line, and the approver is recorded', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  await addProdHost(page);
  await connectTrusting(page);

  await page.keyboard.type('systemctl restart hft_system');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Restart the trading service on a production host?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('pre')).toHaveText('systemctl restart hft_system');
  // No SEV1 outage is open: the procedures want an approval.
  await expect(dialog).toContainText('Approval needed: a restart without approval is only for a SEV1 outage off-hours');
  await expect(dialog.getByLabel('Approved by')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/ssh-prod-guard.png` });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/ssh-prod-guard-1280.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // The line is gone from the prompt, and systemctl never ran.
  await expect.poll(() => screenText(page)).not.toContain('systemctl');
  await page.keyboard.type('echo after-$((2+3))');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toMatch(/^after-5\s*$/m);
  expect(await screenText(page)).not.toMatch(/systemd|Failed to|command not found/);
  expect(readFileSync(join(cockpit.dataDir, 'audit.log'), 'utf8')).toContain('terminal.risky_command.cancelled');

  // Sent only with a name, which goes on the audit log with the line.
  await page.keyboard.type('systemctl restart hft_system');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Send, approved' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Name who approved the restart, or cancel.');
  await dialog.getByLabel('Approved by').fill('Lee Chen');
  await dialog.getByLabel('Approved by').press('Enter');
  await expect(dialog).toBeHidden();
  await expect.poll(() => readFileSync(join(cockpit.dataDir, 'audit.log'), 'utf8')).toContain('"approvedBy":"Lee Chen"');
});

test('gather logs and metrics for an incident on the prod host: the output lands on its timeline', async ({ page, cockpit, sim }) => {
  await openCockpit(page, cockpit);
  await addProdHost(page);
  await sim.stage({ name: 'exchange_disconnect', exchange: 'binance' });
  const detail = page.getByRole('region', { name: 'Selected incident' });
  await expect(detail).toContainText('Exchange disconnected: binance', { timeout: 15_000 });

  await page.locator('body').press('g');
  const form = detail.getByRole('form', { name: /^Gather logs and metrics for INC-/ });
  await expect(form.getByRole('list', { name: 'Commands gathered' })).toContainText('df -h');
  await expect(form.getByLabel('Host')).toHaveValue(/.+/);
  await expect(form.getByLabel('Host').locator('option:checked')).toContainText(HOST_NAME);
  await form.getByRole('button', { name: 'Gather' }).click();
  // The same SSH stack as the terminals: an unknown key is asked about first.
  const trust = page.getByRole('dialog', { name: 'Unknown host key' });
  await trust.getByRole('button', { name: 'Trust and connect' }).click();
  const timeline = detail.getByRole('table', { name: /Timeline/ });
  await expect(timeline).toContainText(`Gathered on ${HOST_NAME}: 4 commands`, { timeout: 30_000 });
  await expect(form).toBeHidden();
  await timeline.getByText(/show the output/).click();
  await expect(timeline.locator('.tl-output')).toContainText('$ df -h  (exit 0');
  await expect(timeline.locator('.tl-output')).toContainText('Filesystem');
  for (const [width, height] of [[1280, 800], [1600, 1000]] as const) {
    await page.setViewportSize({ width, height });
    await timeline.locator('.tl-output').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/h12-gather-${width}.png` });
  }
});
