/** The case view: escalating, pausing clocks, replying. */
import { expect, test } from './fixtures';

const NOW = '2026-03-06T15:45:00Z';

test('escalating a ticket raises a linked escalation, owned, after the not-for-emergencies notice', async ({
  app,
  page,
}) => {
  await app.open({ now: NOW });
  await app.signIn('Ana Patel');
  const original = app.queue.rows.filter({ hasText: /^Q-/ }).first();
  const ref = (await original.getByRole('link').textContent()) ?? '';
  await original.getByRole('link').click();
  await app.case.waitOpen();

  await page.keyboard.press('e');
  const dialog = app.case.dialog(`Escalate ${ref}`);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('note')).toContainText('not for an emergency');
  await expect(dialog.getByRole('note')).toContainText(/phone the Service Desk on .+ or use live chat at/);
  await expect(dialog.getByRole('note')).toContainText('do not contact the leadership team directly');

  await dialog.getByRole('button', { name: 'Raise escalation' }).click();
  await expect(dialog).toContainText('Choose why the ticket is escalated.');
  await expect(dialog.getByLabel(/What has gone wrong/)).toHaveAttribute('aria-invalid', 'true');

  await dialog.getByRole('radio', { name: /falls short of the service level targets/ }).check();
  await dialog
    .getByLabel(/What has gone wrong/)
    .fill('Three weeks without a working account; exams start Monday.');
  await expect(dialog.getByLabel('Designated owner')).toHaveValue('person-ana-patel');
  await dialog.getByRole('button', { name: 'Raise escalation' }).click();
  await expect(dialog).toBeHidden();

  // The new escalation opens: linked to the original, owned by the person who raised it.
  await expect(app.case.subject).toHaveText(new RegExp(`^Escalation of ${ref}`));
  await expect(page.getByRole('main').getByText('Escalation', { exact: true })).toBeVisible();
  await expect(app.case.owner).toHaveText('Ana Patel');
  await expect(app.case.timeline).toContainText(`Escalates ${ref}`);
  const escalationRef = await app.case.ref();
  expect(escalationRef).toMatch(/^E-/);
  await expect.poll(() => app.outboxCount()).toBe(1);

  await page.getByRole('main').getByRole('link', { name: ref, exact: true }).first().click();
  await expect(app.case.subject).not.toHaveText(/^Escalation of/);
  await expect(page.getByRole('region', { name: 'Linked cases' })).toContainText(escalationRef);
});

test('waiting on the requester pauses the clocks; working on it again restarts them', async ({
  app,
  page,
}) => {
  await app.open({ now: NOW });
  const running = app.queue.rows
    .filter({ has: page.locator('[data-sla="on-track"]') })
    .filter({ hasText: /^Q-/ })
    .first();
  const ref = (await running.getByRole('link').textContent()) ?? '';
  await running.getByRole('link').click();
  await app.case.waitOpen();
  const clock = app.case.clock('First response');
  await expect(clock).toHaveAttribute('data-state', 'running');

  await app.case.changeStatus('Waiting on requester');
  await expect(clock).toHaveAttribute('data-state', 'paused');
  await expect(clock.locator('[data-sla="paused"]')).toHaveText('Paused');
  await expect(clock.getByTestId('clock-countdown')).toContainText('left when it resumes');

  await page.keyboard.press('Escape');
  await expect(app.queue.row(ref)).toHaveAttribute('data-sla', 'paused');
  await app.queue.row(ref).getByRole('link').click();
  await app.case.waitOpen();
  await app.case.changeStatus('In progress');
  await expect(clock).toHaveAttribute('data-state', 'running');
});

test('a reply from the policy acknowledgement is queued for the mail channel', async ({ app, page }) => {
  await app.open({ now: NOW });
  await app.signIn('Ben Carter');
  const complaint = app.queue.rows.filter({ hasText: /^C-/ }).first();
  const ref = (await complaint.getByRole('link').textContent()) ?? '';
  await complaint.getByRole('link').click();
  await app.case.waitOpen();

  await page.keyboard.press('r');
  const composer = page.getByRole('region', { name: 'Reply or note' });
  const body = composer.getByRole('textbox', { name: 'Reply', exact: true });
  await expect(body).toBeFocused();
  await composer.getByLabel('Template').selectOption({ label: 'Acknowledgement (Complaint)' });
  await expect(body).toHaveValue(new RegExp(`logged your complaint as ${ref}`));
  await expect(composer.getByLabel('This reply is')).toHaveValue('acknowledgement');
  await composer.getByRole('button', { name: 'Queue reply' }).click();

  await expect(
    page.getByRole('status').filter({ hasText: 'Reply queued for the mail channel' }),
  ).toBeVisible();
  const reply = app.case.timeline
    .getByRole('listitem')
    .filter({ hasText: 'Ben Carter replied by email' })
    .first();
  await expect(reply).toContainText('Queued for the mail channel');
  await expect(reply).toContainText(`logged your complaint as ${ref}`);
  await expect(body).toHaveValue('');
  await expect.poll(() => app.outboxCount()).toBe(1);
});

test('an HTML body shows its text and formatting, never its scripts, styles or remote images', async ({
  app,
  page,
}) => {
  await app.open({ now: NOW });
  await app.queue.rows.first().getByRole('link').click();
  await app.case.waitOpen();
  await page.keyboard.press('n');
  const composer = page.getByRole('region', { name: 'Reply or note' });
  await composer
    .getByRole('textbox', { name: 'Internal note' })
    .fill(
      '<p style="color:red">Called back <b>twice</b></p><img src="https://tracker.example/p.gif">' +
        '<script>window.pwned = true</script><a href="https://example.ac.uk/kb" onclick="window.pwned = true">KB</a>',
    );
  await composer.getByRole('button', { name: 'Add note' }).click();

  const note = app.case.timeline.getByRole('listitem').filter({ hasText: 'added an internal note' }).first();
  await expect(note.locator('b')).toHaveText('twice');
  await expect(note.locator('img, script, [style], [onclick]')).toHaveCount(0);
  await expect(note.getByRole('link', { name: 'KB' })).toHaveAttribute('rel', 'noopener noreferrer');
  expect(await page.evaluate(() => (window as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
});

test.describe('on a computer set to UTC, at a desk in London', () => {
  test.use({ timezoneId: 'UTC' });

  test('a query logged at 15:00 BST shows 15:00 London time in the case view and the acknowledgement', async ({
    app,
    page,
  }) => {
    // Friday 28 August 2026, 15:00 in London (14:00 UTC). The first response is owed in 8 working hours:
    // 2 on Friday, none on the bank holiday Monday, 6 on Tuesday: Tuesday 1 September at 15:00 London time.
    await app.open({ now: '2026-08-28T14:00:00Z', path: '/intake/query' });
    await app.intake.fill({
      Name: 'Grace Cooper',
      Email: 'grace.cooper@example.ac.uk',
      Subject: 'Printer credit not applied',
    });
    await app.intake.submit();
    await app.case.waitOpen();

    await expect(page.getByTestId('case-received')).toHaveText('28 Aug 2026, 15:00 London time');
    const clock = app.case.clock('First response');
    await expect(clock).toContainText(/Due Tue 1 Sept?, 15:00 London time/);
    await expect(clock.getByTestId('clock-countdown')).toHaveText('1 working day left');
    await expect(app.case.timeline.locator('time').first()).toHaveText(/15:00$/);
    await expect(app.timeTravel.trigger).toContainText('15:00');

    await page.keyboard.press('r');
    const composer = page.getByRole('region', { name: 'Reply or note' });
    await composer.getByLabel('Template').selectOption({ label: 'Acknowledgement (Query)' });
    await expect(composer.getByRole('textbox', { name: 'Reply', exact: true })).toHaveValue(
      /First response: by Tuesday 1 September at 15:00 London time/,
    );
  });
});
