/**
 * What a person sees of the page layout: the shell fills the window on every view (the status bar sits on the
 * window's bottom edge, no empty band below it), however short the view's content.
 */
import { expect, test } from './fixtures';

test('the status bar sits on the bottom edge of the window on short and long views alike', async ({
  app,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await app.open({ now: '2026-03-02T10:00:00Z', path: '/reports' });
  for (const path of ['/reports', '/settings', '/queue', '/board']) {
    await page.evaluate((to) => {
      window.location.hash = `#${to}`;
    }, path);
    await expect.poll(() => app.currentPath()).toBe(path);
    const footer = page.locator('footer').last();
    await expect(footer).toBeVisible();
    const box = await footer.boundingBox();
    const viewport = page.viewportSize()!;
    expect(Math.round(box!.y + box!.height), `${path}: status bar bottom`).toBe(viewport.height);
    // Nothing of the page lies below the status bar.
    const below = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(below, path).toBe(0);
  }
});
