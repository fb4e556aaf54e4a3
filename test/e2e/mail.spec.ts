import { type Dovecot, startDovecot } from '../support/dovecot';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { answer, bounce, firstMail, htmlMail } from './fixtures/mail/messages';

// Tuesday 10:30 in London (GMT in March): the mail arrived at 09:30, an hour before the app's now.
const NOW = '2026-03-03T10:30:00.000Z';
const ARRIVED = new Date('2026-03-03T09:30:00.000Z');
// The query policy's first response is due 8 working hours (09:00–17:00) after arrival: Wednesday 09:30.
const FIRST_RESPONSE_DUE = '2026-03-04T09:30:00.000Z';

test.use({ hostArgs: ['--allow-plain-secrets'] });
test.setTimeout(90_000);

let dovecot: Dovecot;
let smtp: SmtpReceiver;

test.beforeEach(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtpReceiver();
});

test.afterEach(async () => {
  await smtp?.close();
  await dovecot?.close();
});

test('mail in becomes a case timed from its arrival; the reply goes out threaded; the answer and a bounce show on the case', async ({
  app,
  page,
}, testInfo) => {
  await app.emulateReducedMotion();
  await app.open({ now: NOW, query: { 'demo-cases': '3' } });
  // Who I am, without waiting for queue rows: the few demo cases may all be closed.
  await app.goTo('Settings');
  await app.settings.saveWhoIAm({ name: 'Ana Patel', role: 'agent', team: 'Service Desk' });
  await expect(page.getByTestId('mail-status')).toHaveAttribute('data-state', 'not-set-up');

  // Settings → Mailbox, keyboard and labels only.
  await page.getByRole('link', { name: 'Mailbox' }).click();
  const form = page.getByRole('form', { name: 'Desk mailbox' });
  await form.getByLabel("Desk's address").fill(dovecot.user);
  const imap = form.getByRole('group', { name: 'Incoming mail (IMAP)' });
  await imap.getByLabel('Server').fill(dovecot.host);
  await imap.getByLabel('Security').selectOption('none');
  await imap.getByLabel('Port').fill(String(dovecot.port));
  await imap.getByLabel('User name').fill(dovecot.user);
  await imap.getByLabel('Password').fill(dovecot.password);
  const out = form.getByRole('group', { name: 'Outgoing mail (SMTP)' });
  await out.getByLabel('Server').fill(smtp.host);
  await out.getByLabel('Security').selectOption('none');
  await out.getByLabel('Port').fill('not a port');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(out.getByText('Give a port number from 1 to 65535')).toBeVisible();
  await out.getByLabel('Port').fill(String(smtp.port));

  await form.getByRole('button', { name: 'Test connection' }).click();
  const check = page.getByTestId('mailbox-check');
  await expect(check).toContainText('Incoming (IMAP): Connected', { timeout: 15_000 });
  await expect(check).toContainText('Outgoing (SMTP): Connected');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toContainText('Saved');
  await expect(imap.getByText('A password is stored')).toBeVisible();
  await expectAccessible(page, 'Settings → Mailbox');
  await page.screenshot({ path: testInfo.outputPath('mailbox-settings.png'), fullPage: true });
  await expect(page.getByTestId('mail-status')).toHaveAttribute('data-state', /watching|fetching/, {
    timeout: 15_000,
  });

  // A mail that reached the mailbox an hour ago: its case's first response counts from then.
  await dovecot.deliver(firstMail(dovecot.user), { internalDate: ARRIVED });
  await app.goTo('Queue');
  const row = app.queue.rows.filter({ hasText: 'Printer on floor 3 is jammed' });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row.getByTestId('countdown')).toHaveAttribute('datetime', FIRST_RESPONSE_DUE);
  await row.getByRole('link').first().click();
  await app.case.waitOpen();
  const ref = await app.case.ref();
  expect(ref).toMatch(/^Q-/);
  await expect(app.case.timeline).toContainText('The printer on floor 3 has been jammed since this morning.');

  // The agent replies: the SMTP receiver gets it in the thread, with the reference in the subject.
  await page.keyboard.press('r');
  const composer = page.getByRole('region', { name: 'Reply or note' });
  await composer
    .getByRole('textbox', { name: 'Reply', exact: true })
    .fill('We are looking at the printer on floor 3.');
  await composer.getByRole('button', { name: 'Queue reply' }).click();
  // An acknowledgement the policy sends on its own may have gone out first: the agent's reply is the one with its text.
  await expect
    .poll(() => smtp.received.some((m) => m.raw.includes('We are looking at the printer')), {
      timeout: 20_000,
    })
    .toBe(true);
  const sent = smtp.received.find((m) => m.raw.includes('We are looking at the printer'))!;
  expect(sent.to).toEqual(['sam@example.org']);
  expect(sent.raw).toMatch(/^In-Reply-To: <first-1@example\.org>/m);
  expect(sent.raw).toMatch(/^References: .*<first-1@example\.org>/m);
  const subject = /^Subject: (.*)$/m.exec(sent.raw)?.[1] ?? '';
  expect(subject).toContain(`[${ref}]`);
  const sentId = /^Message-ID: (<[^>]+>)/im.exec(sent.raw)?.[1] ?? '';
  expect(sentId).not.toBe('');
  await expect(app.case.timeline.getByTestId('reply-delivery').first()).toHaveText('Sent', {
    timeout: 15_000,
  });

  // The requester answers above the quoted reply: the case shows what they wrote, the rest one click away.
  await dovecot.deliver(answer(dovecot.user, subject, sentId));
  const answerEntry = app.case.timeline.getByRole('listitem').filter({ hasText: 'It works again now' });
  await expect(answerEntry).toBeVisible({ timeout: 20_000 });
  await expect(answerEntry.getByTestId('mail-visible-text')).not.toContainText('We are looking at');
  await answerEntry.getByRole('button', { name: 'Show the whole message' }).click();
  await expect(answerEntry).toContainText('> We are looking at the printer on floor 3.');

  // The reply bounces: the banner says the requester did not get it and offers another way.
  await dovecot.deliver(bounce(dovecot.user, sentId));
  const banner = page.getByTestId('delivery-failed');
  await expect(banner).toContainText('The requester did not get our reply', { timeout: 20_000 });
  await expect(banner).toContainText('550 5.1.1');
  await expect(banner.getByRole('button', { name: 'Retry' })).toBeVisible();
  await banner.getByRole('button', { name: 'Edit and resend…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit and resend the reply' });
  await expect(dialog.getByLabel('Message')).toHaveValue('We are looking at the printer on floor 3.');
  await expectAccessible(page, 'edit and resend dialog');
  await page.keyboard.press('Escape');
  await expectAccessible(page, 'a case with mail');
  await page.screenshot({ path: testInfo.outputPath('case-with-mail.png'), fullPage: true });

  // A mail made a query; the agent sees it is a complaint and moves it onto that policy.
  await page.getByRole('button', { name: 'Change kind…' }).click();
  const kind = page.getByRole('dialog', { name: `Change the kind of ${ref}` });
  await kind.getByRole('combobox', { name: 'Kind' }).selectOption('complaint');
  await kind.getByRole('button', { name: 'Change kind' }).click();
  await expect(kind).toBeHidden();
  await expect(app.case.timeline).toContainText('changed the kind: Query → Complaint');
  await app.case.timeline.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('case-timeline.png') });
});

test('an HTML mail shows sanitised, its remote images held back until asked for, its attachment listed', async ({
  app,
  page,
}) => {
  await app.open({ now: NOW, query: { 'demo-cases': '3' } });
  await app.goTo('Settings');
  await page.getByRole('link', { name: 'Mailbox' }).click();
  const form = page.getByRole('form', { name: 'Desk mailbox' });
  await form.getByLabel("Desk's address").fill(dovecot.user);
  const imap = form.getByRole('group', { name: 'Incoming mail (IMAP)' });
  await imap.getByLabel('Server').fill(dovecot.host);
  await imap.getByLabel('Security').selectOption('none');
  await imap.getByLabel('Port').fill(String(dovecot.port));
  await imap.getByLabel('User name').fill(dovecot.user);
  await imap.getByLabel('Password').fill(dovecot.password);
  const out = form.getByRole('group', { name: 'Outgoing mail (SMTP)' });
  await out.getByLabel('Server').fill(smtp.host);
  await out.getByLabel('Security').selectOption('none');
  await out.getByLabel('Port').fill(String(smtp.port));
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toContainText('Saved');

  await dovecot.deliver(htmlMail(dovecot.user), { internalDate: ARRIVED });
  await app.goTo('Queue');
  const row = app.queue.rows.filter({ hasText: 'Timetable clash' });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.getByRole('link').first().click();
  await app.case.waitOpen();
  const entry = app.case.timeline.getByRole('listitem').filter({ hasText: 'got in touch by email' });
  await expect(entry).toContainText('two lectures at 10:00 on Thursday');
  await expect(entry.getByRole('list', { name: 'Attachments' })).toContainText('timetable.pdf');
  await expect(entry.getByRole('button', { name: 'Open timetable.pdf' })).toBeVisible();

  await entry.getByRole('button', { name: 'Show the whole message' }).click();
  await expect(entry.locator('b')).toHaveText('timetable');
  await expect(entry).toContainText('[image blocked: logo]');
  await expect(entry.locator('img, script')).toHaveCount(0);
  await entry.getByRole('button', { name: 'Show images' }).click();
  await expect(entry.getByRole('link', { name: /tracker\.example\.net/ })).toHaveAttribute(
    'href',
    'https://tracker.example.net/open.gif',
  );
});
