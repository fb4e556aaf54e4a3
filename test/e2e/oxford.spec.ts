/**
 * Oxford's staged formal complaint as a desk manager works it, with time travel: moving from informal to formal
 * re-checks the statement for staff names and redacts them in one click; a Head of Department review is refused
 * until the written response has gone; the resolved complaint stays in the Formal complaints queue while its
 * two-week review window is open, with "Record review request" at hand, which hands the review to the division's
 * Head of Department; after the review the external route for the complainant's affiliation is offered first.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { AppShell } from './pages/app-shell';
import { EscalationsPage } from './pages/escalations';

const EMPTY_DESK = { 'demo-cases': '0' };
const MONDAY = '2026-03-02T10:00:00Z';

/** Travels to a London wall-clock time; `utc` is the same instant in UTC (London is UTC+1 from 29 March). */
async function travelTo(app: AppShell, local: string, utc = `${local}:00Z`): Promise<void> {
  await app.timeTravel.jumpTo(local);
  await app.timeTravel.expectShows(utc);
  await app.timeTravel.close();
}

async function openStageDialog(page: Page, ref: string) {
  await page.keyboard.press('t');
  const dialog = page.getByRole('dialog', { name: `Move ${ref} to another stage` });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a formal complaint: redaction on the way to formal, review only after the written response, the review window, the route by affiliation', async ({
  app,
  page,
}) => {
  test.setTimeout(150_000);
  await app.emulateReducedMotion();
  await app.open({ now: MONDAY, query: EMPTY_DESK, path: '/settings/me' });
  await app.settings.saveWhoIAm({ name: 'Rachel Bishop', role: 'manager', team: 'Service Desk' });

  await page.goto(app.url({ now: MONDAY, query: EMPTY_DESK, path: '/intake/formal-complaint' }));
  const { intake } = app;
  await intake.fill({
    Name: 'Sam Student',
    Email: 'sam.student@student.example.ac.uk',
    Subject: 'My thesis print job was lost',
    'How were your expectations not met': 'The print queue lost my thesis twice.',
  });
  await intake.form.getByLabel('The requester is').selectOption({ label: 'Student' });
  // Informal resolution first, as the procedure says.
  await intake.form.getByLabel('Stage').selectOption({ label: 'Informal resolution' });
  await intake.submit();
  await app.case.waitOpen();
  const ref = await app.case.ref();
  expect(ref).toMatch(/^F-/);

  // Informal → formal: the statement now names staff, and the same one-click redaction as at intake is offered.
  let dialog = await openStageDialog(page, ref);
  await dialog.getByRole('radio', { name: /^Formal complaint/ }).check();
  const statement = dialog.getByRole('textbox', { name: /^How were your expectations not met/ });
  await statement.fill('Ana Patel deleted my thesis from the print queue twice.');
  const warning = dialog.getByRole('alert').filter({ hasText: 'This names staff' });
  await expect(warning).toContainText('“Ana Patel”');
  await warning.getByRole('button', { name: 'Redact the names' }).click();
  await expect(warning).toBeHidden();
  await expect(statement).toHaveValue('[a member of staff] deleted my thesis from the print queue twice.');
  await dialog.getByRole('button', { name: 'Move stage' }).click();
  await expect(dialog).toBeHidden();

  // Head of Department review before any written response: refused, and the dialog says why.
  dialog = await openStageDialog(page, ref);
  await dialog.getByRole('radio', { name: /^Head of Department review/ }).check();
  await expect(dialog).toContainText(
    'Catherine Lowe (Digital Services) will own the head of department review',
  );
  await dialog.getByRole('button', { name: 'Move stage' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    `Head of Department review needs a written response first: ${ref} has had no written response at the formal complaint stage yet.`,
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const queues = new EscalationsPage(page);
  await queues.open();
  await queues.openTab('Formal complaints');
  await expect(queues.row('Formal complaints', ref)).toContainText('review can only be asked for after it');
  await expect(
    queues.row('Formal complaints', ref).getByRole('button', { name: /review request/ }),
  ).toHaveCount(0);

  // The manager takes the complaint (a formal complaint needs a designated owner before the requester hears back).
  await travelTo(app, '2026-03-27T14:00');
  await queues.row('Formal complaints', ref).getByRole('link', { name: ref }).click();
  await app.case.waitOpen();
  await page.keyboard.press('a');
  await expect(app.case.owner).toContainText('Rachel Bishop');

  // The written response on Friday 27 March at 14:00 tells the complainant how and by when to ask for review.
  await page.keyboard.press('r');
  const composer = page.getByRole('region', { name: 'Reply or note' });
  const body = composer.getByRole('textbox', { name: 'Reply', exact: true });
  await composer.getByLabel('Template').selectOption({ label: 'Written response' });
  await expect(body).toHaveValue(/you may ask for a Head of Department review of your complaint/);
  await expect(body).toHaveValue(/Your request must reach us by Friday 10 April at 14:00 London time/);
  await expect(composer.getByLabel('This reply is')).toHaveValue('response');
  await composer.getByRole('button', { name: 'Queue reply' }).click();
  await expect(body).toHaveValue('');
  await app.case.changeStatus('Resolved');

  // Resolved, yet listed while the window is open (until Friday 10 April 14:00), with the request at hand.
  await travelTo(app, '2026-04-08T11:00', '2026-04-08T10:00:00Z');
  await queues.open();
  await queues.openTab('Formal complaints');
  const row = queues.row('Formal complaints', ref);
  await expect(row).toContainText('Open until');
  await row.getByRole('button', { name: 'Record review request' }).click();
  await expect(row).toContainText('Head of Department review');
  await expect(row).toContainText('Requested');

  // The Head of Department owns the review; after it, the student's route (the Proctors) comes first.
  await row.getByRole('link', { name: ref }).click();
  await app.case.waitOpen();
  await expect(app.case.owner).toContainText('Catherine Lowe');
  // The ladder told her at once (a step at the moment the case entered the review stage).
  await expect(app.case.timeline).toContainText(
    'Head of Department review requested — told the Head of Department',
  );
  dialog = await openStageDialog(page, ref);
  await dialog.getByRole('radio', { name: /^External/ }).check();
  const routes = dialog.getByRole('group', { name: 'Refer to' }).getByRole('radio');
  await expect(routes.first()).toHaveAccessibleName(/^The Proctors/);
  await expect(routes.first()).toBeChecked();
  await expect(dialog).not.toContainText('affiliation is not known');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Assigning someone to help does not take the review from its owner.
  await page.getByRole('button', { name: /^Assign…/ }).click();
  const assign = page.getByRole('dialog', { name: `Assign ${ref}` });
  await expect(assign.getByLabel('Designated owner')).toHaveValue(/catherine-lowe/);
  await assign.getByLabel('Assignee').selectOption({ label: 'Ana Patel · Service Desk' });
  await assign.getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(assign).toBeHidden();
  await expect(app.case.assignee).toContainText('Ana Patel');
  await expect(app.case.owner).toContainText('Catherine Lowe');
});

test('the referral dialog says when the complainant’s affiliation is not known, and puts no route first', async ({
  app,
  page,
}) => {
  await app.open({ now: MONDAY, query: EMPTY_DESK, path: '/settings/me' });
  await app.settings.saveWhoIAm({ name: 'Rachel Bishop', role: 'manager', team: 'Service Desk' });
  await page.goto(app.url({ now: MONDAY, query: EMPTY_DESK, path: '/intake/formal-complaint' }));
  await app.intake.fill({
    Name: 'Alex Doe',
    Email: 'alex.doe@example.ac.uk',
    Subject: 'Lab booking system lost my slot',
    'How were your expectations not met': 'My booked lab slot disappeared.',
  });
  await app.intake.submit();
  await app.case.waitOpen();
  const dialog = await openStageDialog(page, await app.case.ref());
  await dialog.getByRole('radio', { name: /^External/ }).check();
  await expect(dialog.getByRole('note')).toContainText(
    "The requester's affiliation is not known, so no route comes first",
  );
  const routes = dialog.getByRole('group', { name: 'Refer to' }).getByRole('radio');
  await expect(routes).toHaveCount(2);
  for (const route of await routes.all()) await expect(route).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Refer' }).click();
  await expect(dialog).toContainText('Choose where the case goes.');
});
