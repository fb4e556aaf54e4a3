/** Intake: each kind's required answers, kept on a failed save; the staff-name warning and its redaction. */
import { expect, test } from './fixtures';

const NOW = '2026-03-06T15:45:00Z';

test('a complaint is refused until its required answers are given, without losing what was typed', async ({
  app,
  page,
}) => {
  await app.open({ now: NOW, path: '/intake' });
  const { intake } = app;
  await intake.chooseKind('Complaint');
  await intake.fill({
    Name: 'Olivia Hughes',
    'What happened': 'My laptop was returned with the drive wiped.',
  });
  await intake.submit();

  await expect(intake.alert).toContainText('Not logged yet');
  for (const label of [
    'Subject',
    'What would you like us to do',
    'Daytime phone number',
    'Best time to call you',
  ]) {
    const field = intake.field(new RegExp(`^${label}`));
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(/Please answer|Give the case a subject/);
  }
  await expect(intake.field(/^Name/)).toHaveValue('Olivia Hughes');
  await expect(intake.field(/^What happened/)).toHaveValue('My laptop was returned with the drive wiped.');
  expect(await app.outboxCount()).toBe(0);

  await intake.fill({
    Subject: 'Laptop wiped during repair',
    'What would you like us to do': 'Recover my thesis files and explain what happened.',
    'Daytime phone number': '01865 270000',
    'Best time to call you': 'Weekdays after 2pm',
  });
  await intake.submit();

  await app.case.waitOpen();
  await expect(app.case.subject).toHaveText('Laptop wiped during repair');
  await expect(page.getByRole('main').getByText('Complaint', { exact: true })).toBeVisible();
  await expect(page.getByRole('main').getByText('Confidential', { exact: true })).toBeVisible();
  await expect(app.case.clock('Respond within 24 hours')).toHaveAttribute('data-state', 'running');
  await expect.poll(() => app.outboxCount()).toBe(1);
});

test('a formal complaint that names staff is flagged, and one click redacts the names', async ({
  app,
  page,
}) => {
  await app.open({ now: NOW, path: '/intake/formal-complaint' });
  const { intake } = app;
  await expect(intake.form.getByRole('note')).toContainText('do not name members of staff');
  await intake.fill({
    Name: 'Tom Reed',
    Email: 'tom.reed@student.example.ac.uk',
    Subject: 'Printing refund refused',
    'How were your expectations not met': 'Ana Patel told me to go away and Mr Carter hung up on me twice.',
    'When did it happen': 'The week of 2 March 2026',
    'Call reference numbers': 'Q-10441',
  });
  const warning = intake.form.getByRole('alert').filter({ hasText: 'This names staff' });
  await expect(warning).toContainText('“Ana Patel”');
  await expect(warning).toContainText('“Mr Carter”');

  await warning.getByRole('button', { name: 'Redact the names' }).click();
  await expect(warning).toBeHidden();
  await expect(intake.field(/^How were your expectations not met/)).toHaveValue(
    '[a member of staff] told me to go away and [a member of staff] hung up on me twice.',
  );

  await intake.submit();
  await app.case.waitOpen();
  await expect(page.getByRole('main').getByText('Formal complaint', { exact: true }).first()).toBeVisible();
  // Acknowledged by close of business on the fifth working day after Friday 6 March.
  await expect(app.case.clock('Acknowledge within 5 working days')).toContainText('Due Fri 13 Mar, 17:00');
});

test('an escalation needs the original ticket, links to it, and says it is not for emergencies', async ({
  app,
  page,
}) => {
  await app.open({ now: NOW, path: '/settings/me' });
  await app.settings.saveWhoIAm({ name: 'Ana Patel', role: 'agent', team: 'Service Desk' });
  await page.goto(app.url({ now: NOW, path: '/intake/escalation' }));
  const { intake } = app;
  await expect(intake.form.getByRole('note')).toContainText('not for an emergency');

  await intake.fill({ Name: 'Grace Cooper', Email: 'grace.cooper@example.ac.uk', Subject: 'Still no VPN' });
  await intake.submit();
  await expect(intake.field(/^Original ticket number/)).toHaveAttribute('aria-invalid', 'true');

  await intake.fill({ 'Original ticket number': 'q 10416' });
  await expect(intake.form.getByRole('status')).toContainText('Will be linked to Q-10416');
  await intake.form.getByRole('radio', { name: /tangible adverse impact/ }).check();
  await intake.fill({ 'What is the impact': 'The research group cannot reach the cluster.' });
  await intake.submit();

  await app.case.waitOpen();
  await expect(app.case.owner).toHaveText('Ana Patel');
  await expect(app.case.timeline).toContainText('Escalates Q-10416');
});

test('a complaint about a ticket the desk cannot find is logged with the number as text, and personal data offers the ICO', async ({
  app,
  page,
}) => {
  await app.open({ now: NOW, path: '/intake/complaint' });
  const { intake } = app;
  await intake.fill({
    Name: 'Dr Aoife O’Neill-Ní Bhriain',
    Email: 'aoife.oneill@example.ac.uk',
    'Daytime phone number': 'call me maybe',
    'Best time to call you': 'Mornings',
    Subject: 'My records were shared',
    'What happened': 'My case notes were emailed to another department.',
    'What would you like us to do': 'Confirm they have been deleted.',
    'Ticket number': 'q 99999',
  });
  await expect(intake.form.getByRole('status')).toContainText(
    "No case has the reference Q-99999 in this desk's store (an older system, or a typo?). The case is still logged",
  );
  await intake.form
    .getByRole('group', { name: /concern the requester’s personal data/ })
    .getByRole('radio', { name: 'Yes' })
    .check();
  await intake.submit();
  await expect(intake.field(/^Daytime phone number/)).toHaveAccessibleDescription(
    /That isn’t a phone number: give the digits to call/,
  );
  expect(await app.outboxCount()).toBe(0);

  await intake.fill({ 'Daytime phone number': '+44 1865 270000' });
  await intake.submit();
  await app.case.waitOpen();
  const asked = page.getByRole('region', { name: 'What was asked at intake' });
  await expect(asked).toContainText('Q-99999');
  await expect(asked).toContainText('concern the requester’s personal data');
  await expect(app.case.timeline).toContainText('The quoted ticket Q-99999 is not in this desk’s store');
  // The ICO is the outside route this complaint's answers open.
  await page.getByRole('button', { name: /Refer externally/ }).click();
  await expect(page.getByRole('dialog')).toContainText('Information Commissioner');
});

test('the escalation notice names the urgent phone and live chat, and not the leadership team', async ({
  app,
}) => {
  await app.open({ now: NOW, path: '/intake/escalation' });
  const notice = app.intake.form.getByRole('note');
  await expect(notice).toContainText('do not contact the leadership team directly');
  await expect(notice.getByRole('link', { name: '020 7946 0000' })).toHaveAttribute(
    'href',
    'tel:02079460000',
  );
  await expect(notice.getByRole('link', { name: 'https://servicedesk.example.ac.uk/chat' })).toHaveAttribute(
    'href',
    'https://servicedesk.example.ac.uk/chat',
  );
});

test('a formal complaint asks the date only if applicable, who the requester is, and who is involved', async ({
  app,
  page,
}) => {
  await app.open({ now: NOW, path: '/intake/formal-complaint' });
  const { intake } = app;
  await expect(intake.field(/^When did it happen/)).toHaveAccessibleName(/\(optional\)/);
  await intake.form.getByLabel('The requester is').selectOption({ label: 'Student' });
  await intake.form.getByLabel(/^Who is already involved/).selectOption({ label: 'Ana Patel' });
  await intake.form.getByLabel('Stage').selectOption({ label: 'Informal resolution' });
  await intake.fill({
    Name: 'Tom Reed',
    Email: 'tom.reed@student.example.ac.uk',
    Subject: 'Printing refund refused',
    'How were your expectations not met': 'My refund was refused without a reason.',
  });
  await intake.submit();
  await app.case.waitOpen();
  await expect(app.case.assignee).toHaveText('Ana Patel');
  await expect(page.getByRole('region', { name: 'What was asked at intake' })).toContainText('Ana Patel');
});
