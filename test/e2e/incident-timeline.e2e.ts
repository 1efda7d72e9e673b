/**
 * A long incident timeline in the page: the host sends its newest entries
 * only, the page shows them and says how many there are, and "Show older
 * entries" pages the rest in from the host, oldest at the bottom.
 * Screenshots go to $SHOT_DIR when it is set (outside the repository).
 */
import WebSocket from 'ws';
import { TIMELINE_WINDOW } from '../../src/core/incidents/link.js';
import { expect, openCockpit, test } from './fixtures.js';

const NOTES = TIMELINE_WINDOW + 15;

/** Calls the backend as a second renderer would, over its own socket. */
async function callHost(pageUrl: string, calls: { name: string; request: unknown }[]): Promise<unknown[]> {
  const url = new URL(pageUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const ws = new WebSocket(`ws://${url.host}/ws?token=${encodeURIComponent(token)}`, { origin: url.origin });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const results: unknown[] = [];
  try {
    for (const [id, call] of calls.entries()) {
      const answer = new Promise<unknown>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const message = JSON.parse(String(data)) as { type: string; id?: number; result?: unknown };
          if (message.type === 'result' && message.id === id) {
            ws.off('message', onMessage);
            resolve(message.result);
          }
        };
        ws.on('message', onMessage);
      });
      ws.send(JSON.stringify({ type: 'call', id, ...call }));
      results.push(await answer);
    }
  } finally {
    ws.close();
  }
  return results;
}

test('a long timeline shows its newest entries and pages the older ones on demand', async ({ page, cockpit }) => {
  await openCockpit(page, cockpit);
  const [opened] = (await callHost(cockpit.url, [{ name: 'incidents.open', request: { title: 'Disk filling on hft-prod-02', severity: 'SEV3' } }])) as {
    ok: boolean;
    value: { id: string; timeline: unknown[] };
  }[];
  expect(opened!.ok).toBe(true);
  const id = opened!.value.id;
  const notes = Array.from({ length: NOTES }, (_, n) => ({ name: 'incidents.act', request: { incidentId: id, action: { type: 'note', text: `checked partition ${n + 1}` } } }));
  await callHost(cockpit.url, notes);
  const total = opened!.value.timeline.length + NOTES;

  await page.getByRole('list', { name: 'Open incidents' }).getByRole('listitem').filter({ hasText: 'Disk filling' }).click();
  const detail = page.getByRole('region', { name: 'Selected incident' });
  const rows = detail.getByRole('table', { name: `Timeline of ${id}` }).getByRole('row');
  await expect(detail.getByText(`Timeline (${total})`)).toBeVisible();
  // The header row and the window.
  await expect(rows).toHaveCount(TIMELINE_WINDOW + 1);
  await expect(rows.nth(1)).toContainText(`checked partition ${NOTES}`);
  const older = detail.getByRole('button', { name: `Show older entries (${total - TIMELINE_WINDOW} more)` });
  await expect(older).toBeVisible();
  if (process.env.SHOT_DIR) {
    for (const [w, h] of [[1280, 800], [1600, 1000]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await older.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${process.env.SHOT_DIR}/timeline-window-${w}.png` });
    }
  }
  await older.focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(total + 1);
  await expect(rows.last()).toContainText('Disk filling on hft-prod-02');
  await expect(detail.getByRole('button', { name: /Show older entries/ })).toHaveCount(0);
  // A new entry arrives as a delta; the paged entries stay below it.
  await callHost(cockpit.url, [{ name: 'incidents.act', request: { incidentId: id, action: { type: 'note', text: 'archived old logs' } } }]);
  await expect(rows.nth(1)).toContainText('archived old logs');
  await expect(rows).toHaveCount(total + 2);
  if (process.env.SHOT_DIR) {
    await rows.nth(1).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${process.env.SHOT_DIR}/timeline-paged-1600.png` });
  }
});
