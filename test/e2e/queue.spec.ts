/** The queue: urgency order, keyboard work, assigning, live countdowns under time travel, a big desk. */
import { expect, test } from './fixtures';

const NOW = '2026-03-06T15:45:00Z';
const RANK = ['breached', 'at-risk', 'on-track', 'paused', 'none'];

/** A datetime-local value in the app's zone (the e2e browser runs in Europe/London). */
function londonLocal(ms: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

test('the queue lists the demo desk most urgent first, and sorts by any column', async ({ app, page }) => {
  await app.open({ now: NOW });
  const { queue } = app;
  await queue.waitForRows();

  const total = await queue.total();
  expect(total).toBeGreaterThan(10);
  const allOpen = page.getByRole('list', { name: 'Saved views' }).getByRole('link', { name: /^All open/ });
  await expect(allOpen).toContainText(String(total));
  await expect(queue.column('Next deadline')).toHaveAttribute('aria-sort', 'ascending');

  const states = await queue.visibleStates();
  expect(states[0]).toBe('breached');
  const ranks = states.map((s) => RANK.indexOf(s));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  // Breached longest ago first: the overdue spans shrink down the list.
  const overdue = await queue.rows.filter({ has: page.locator('[data-sla="breached"]') }).count();
  expect(overdue).toBeGreaterThan(0);

  await queue.column('Ref').getByRole('button').click();
  await expect(queue.column('Ref')).toHaveAttribute('aria-sort', 'ascending');
  await expect(queue.column('Next deadline')).toHaveAttribute('aria-sort', 'none');
  const refs = await queue.visibleRefs();
  expect(refs).toEqual([...refs].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));

  // A reference typed in the search box finds that case.
  const wanted = refs[3]!;
  await page.keyboard.press('/');
  await expect(queue.search).toBeFocused();
  await page.keyboard.type(wanted.toLowerCase().replace('-', ' '));
  await expect(queue.rows.first()).toContainText(wanted);
});

test('Enter in the search box goes to the first case found, and Enter again opens it', async ({
  app,
  page,
}) => {
  await app.open({ now: NOW });
  const { queue } = app;
  await queue.waitForRows();
  const wanted = (await queue.visibleRefs())[5]!;

  await page.keyboard.press('/');
  // Typed and entered at once: the search starts on Enter, before the box's own pause for typing.
  await queue.search.pressSequentially(wanted);
  await page.keyboard.press('Enter');
  await expect(queue.grid).toBeFocused();
  await expect(queue.activeRow).toContainText(wanted);

  await page.keyboard.press('Enter');
  await app.case.waitOpen();
  expect(await app.case.ref()).toBe(wanted);
});

test('a search paints its first screen of rows in one go, with no placeholder rows', async ({
  app,
  page,
}) => {
  test.setTimeout(180_000);
  // Enough cases that a common word fills the screen with cases not yet read.
  await app.open({ now: NOW, query: { 'demo-cases': '2000' } });
  const { queue } = app;
  await queue.waitForRows();
  const everyOpen = await queue.count.textContent();
  // A first search builds the index (seconds on a busy machine); the one measured finds it ready.
  await page.keyboard.press('/');
  await queue.search.pressSequentially('printer');
  await page.keyboard.press('Enter');
  // The view's count stays until the search's answer replaces it ("Preparing search…" while the index builds).
  await expect(queue.count).not.toHaveText(everyOpen!, { timeout: 120_000 });
  await expect(queue.count).toHaveText(/^\d+ cases?$/, { timeout: 120_000 });
  await queue.search.focus();
  await page.keyboard.press('Escape');
  await expect(queue.count).toHaveText(everyOpen!);
  const before = await queue.visibleRefs();
  // Rows are kept by their place on screen: a place whose case was not read yet shows a placeholder row.
  await queue.grid.evaluate((table) => {
    const seen = { placeholders: 0 };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes)
          if (node instanceof HTMLElement && !node.hasAttribute('data-case-id')) seen.placeholders += 1;
    }).observe(table.querySelector('tbody')!, { childList: true });
  });

  await queue.search.pressSequentially('account');
  await page.keyboard.press('Enter');
  await expect.poll(() => queue.visibleRefs(), { timeout: 30_000 }).not.toEqual(before);
  await expect(queue.count).toHaveText(/^\d+ cases$/);
  const shown = await queue.visibleRefs();
  // More than fill the screen (the rows drawn past its edge included), and every one drawn with its case.
  expect(shown.length).toBe(await queue.grid.locator('tbody tr').count());
  expect(Number((await queue.count.textContent())!.split(' ')[0])).toBeGreaterThan(shown.length);
  expect(
    await page.evaluate(() => (window as unknown as { __seen: { placeholders: number } }).__seen),
  ).toEqual({
    placeholders: 0,
  });
});

test('j/k move through the queue, Enter opens the case, Escape comes back', async ({ app, page }) => {
  await app.open({ now: NOW });
  const { queue } = app;
  await queue.waitForRows();
  const refs = await queue.visibleRefs();

  await page.keyboard.press('j');
  await expect(queue.activeRow).toContainText(refs[0]!);
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(queue.activeRow).toContainText(refs[1]!);
  await expect(queue.grid).toBeFocused();

  await page.keyboard.press('Enter');
  await app.case.waitOpen();
  expect(await app.case.ref()).toBe(refs[1]);
  // j in a case goes on to the next case in the queue's order.
  await page.keyboard.press('j');
  await expect.poll(() => app.case.ref()).toBe(refs[2]);

  await page.keyboard.press('Escape');
  await queue.waitForRows();
  await expect(queue.activeRow).toContainText(refs[1]!);

  // ? lists the queue's keys with the rest.
  await page.keyboard.press('?');
  const queueKeys = app.shortcutsDialog.getByRole('region', { name: 'Queue' });
  for (const label of ['Next case', 'Open the case', 'Search cases', 'Assign to me', 'Escalate the case']) {
    await expect(queueKeys).toContainText(label);
  }
});

test('a assigns the case to me, and the change waits in the outbox', async ({ app, page }) => {
  await app.open({ now: NOW });
  await app.signIn('Ana Patel');
  const { queue } = app;
  expect(await app.outboxCount()).toBe(0);

  const unassigned = queue.rows.filter({ hasText: 'Unassigned' }).first();
  const ref = (await unassigned.getByRole('link').textContent()) ?? '';
  await unassigned.click();
  await page.keyboard.press('a');

  await expect(page.getByRole('status').filter({ hasText: `Assigned ${ref} to you` })).toBeVisible();
  await expect(queue.row(ref)).toContainText('Ana Patel');
  await expect.poll(() => app.outboxCount()).toBe(1);

  // A reload finds the change kept, still waiting to be sent.
  await page.reload();
  await app.waitReady();
  await queue.waitForRows();
  await expect(queue.row(ref)).toContainText('Ana Patel');
  expect(await app.outboxCount()).toBe(1);
});

test('time travel moves a countdown from on track to at risk, then breached', async ({ app }) => {
  await app.emulateReducedMotion();
  await app.open({ now: NOW });
  const { queue } = app;
  await queue.waitForRows();

  // A query whose first response is due within the working day.
  const row = queue.rows
    .filter({ has: app.page.locator('[data-sla="on-track"]') })
    .filter({ hasText: /^Q-/ })
    .filter({ has: app.page.getByTestId('countdown').filter({ hasText: /^\d+h \d+m$/ }) })
    .first();
  const ref = (await row.getByRole('link').textContent()) ?? '';
  const due = Date.parse((await row.getByTestId('countdown').getAttribute('datetime')) ?? '');
  expect(Number.isNaN(due)).toBe(false);

  await app.timeTravel.jumpTo(londonLocal(due - 30 * 60_000));
  await app.timeTravel.close();
  await expect(queue.row(ref)).toHaveAttribute('data-sla', 'at-risk');
  await expect(queue.row(ref).getByTestId('countdown')).toHaveText(/^\d+m/);

  await app.timeTravel.jumpTo(londonLocal(due + 60 * 60_000));
  await app.timeTravel.close();
  await expect(queue.row(ref)).toHaveAttribute('data-sla', 'breached');
  await expect(queue.row(ref).getByTestId('countdown')).toHaveText(/^overdue/);
});

test('?demo-cases=20000 seeds with a progress bar, and the queue stays virtualised', async ({
  app,
  page,
}) => {
  // Seeding 20,000 cases in Chromium takes about three minutes here, more on a loaded machine.
  test.setTimeout(480_000);
  const started = Date.now();
  await page.goto(app.url({ now: NOW, query: { 'demo-cases': '20000' } }));
  const seeding = page.getByTestId('demo-seeding');
  await expect(seeding).toBeVisible();
  await expect(seeding.getByRole('progressbar', { name: 'Demo cases written' })).toBeVisible();
  await expect(seeding).toBeHidden({ timeout: 420_000 });
  const seeded = Date.now() - started;
  const { queue } = app;
  await queue.waitForRows();
  const painted = Date.now() - started;

  const total = await queue.total();
  expect(total).toBeGreaterThan(1000);
  const domRows = await queue.grid.locator('tbody tr').count();
  expect(domRows).toBeLessThan(60);

  // Scroll to the end: the last case is drawn, and still only a window of rows is in the DOM.
  const scroll = Date.now();
  await queue.grid.evaluate((table) => {
    const scroller = table.parentElement!;
    scroller.scrollTop = scroller.scrollHeight;
  });
  await expect(queue.grid.locator(`tbody tr[aria-rowindex="${total}"][data-case-id]`)).toBeVisible();
  const scrolled = Date.now() - scroll;
  expect(await queue.grid.locator('tbody tr').count()).toBeLessThan(60);
  console.log(
    `demo 20,000 cases: seeded in ${seeded} ms, first rows at ${painted} ms, ${total} open; ` +
      `scrolled to the last row in ${scrolled} ms`,
  );
});
