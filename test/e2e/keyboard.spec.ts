import { expect, test } from './fixtures';

test('? lists the shortcuts, and Escape closes the list', async ({ app, page }) => {
  await app.open();
  await page.keyboard.press('?');
  await expect(app.shortcutsDialog).toBeVisible();
  await expect(app.shortcutsDialog.getByRole('region', { name: 'Navigation' })).toContainText(
    'Go to Settings',
  );
  await expect(app.shortcutsDialog).toContainText('Open the command palette');
  await page.keyboard.press('Escape');
  await expect(app.shortcutsDialog).toBeHidden();
});

test('Ctrl+K opens the command palette, which goes where you type', async ({ app, page }) => {
  await app.open();
  await page.keyboard.press('Control+k');
  await expect(app.palette).toBeVisible();
  await expect(app.palette.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('settings');
  await page.keyboard.press('Enter');
  await expect(app.palette).toBeHidden();
  await expect(app.navLink('Settings')).toHaveAttribute('aria-current', 'page');

  // Ctrl+K again closes it.
  await page.keyboard.press('Control+k');
  await expect(app.palette).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(app.palette).toBeHidden();
});

test('g then a letter goes to a view, but not while typing in a field', async ({ app, page }) => {
  await app.open({ path: '/settings/me' });
  await page.keyboard.press('g');
  await page.keyboard.press('b');
  await expect(app.navLink('Board')).toHaveAttribute('aria-current', 'page');

  await app.goTo('Settings');
  await app.settings.whoIAm.getByLabel('Name').fill('');
  await app.settings.whoIAm.getByLabel('Name').pressSequentially('gq');
  await expect(app.settings.whoIAm.getByLabel('Name')).toHaveValue('gq');
  await expect(app.navLink('Settings')).toHaveAttribute('aria-current', 'page');
});

test('a case’s toolbar, its keys and the palette offer the same actions, in the same words', async ({
  app,
  page,
}) => {
  await app.open();
  await app.queue.waitForRows();
  await page.getByRole('combobox', { name: /^Kind\b/ }).selectOption('escalation');
  await app.queue.rows.filter({ hasText: /^E-/ }).first().getByRole('link').click();
  await app.case.waitOpen();
  const toolbar = app.case.actions;
  await expect(toolbar.getByRole('button', { name: /^Status…/ })).toHaveAttribute(
    'title',
    'Change the status…',
  );

  // An escalation is not escalated again: no button, no palette entry, and its key does nothing.
  await expect(toolbar.getByRole('button', { name: /Escalate/ })).toHaveCount(0);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('Escalate the case');
  await expect(app.palette.getByRole('option', { name: /Escalate the case/ })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(app.palette).toBeHidden();
  // e does nothing, so the next key still reaches the case: s opens what the Status… button opens.
  await page.keyboard.press('e');
  await page.keyboard.press('s');
  await expect(page.getByRole('dialog', { name: /status/i })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(1);
});
