import { describe, expect, it, vi } from 'vitest';
import { checkExternalUrl, createLinkOpener } from './external-links';
import { createMemoryLogger } from './log';

const ALLOWED = ['ico.org.uk', '*.jisc.ac.uk'];

describe('external links', () => {
  it.each([
    ['https://ico.org.uk/make-a-complaint/', 'https://ico.org.uk/make-a-complaint/'],
    ['https://ICO.org.uk/', 'https://ico.org.uk/'],
    ['https://help.jisc.ac.uk/a?b=c#d', 'https://help.jisc.ac.uk/a?b=c#d'],
    ['https://ico.org.uk:443/', 'https://ico.org.uk/'],
  ])('opens %s', (raw, opened) => {
    expect(checkExternalUrl(raw, ALLOWED)).toEqual({ ok: true, url: opened });
  });

  it.each([
    ['http://ico.org.uk/', 'only https'],
    ['javascript:alert(1)', 'only https'],
    ['file:///etc/passwd', 'only https'],
    ['app://desk/index.html', 'only https'],
    ['https://ico.org.uk.evil.example/', 'not on the list'],
    ['https://evilico.org.uk/', 'not on the list'],
    ['https://www.ico.org.uk/', 'not on the list'],
    ['https://jisc.ac.uk/', 'not on the list'],
    ['https://ico.org.uk@evil.example/', 'credentials'],
    ['https://user:pw@ico.org.uk/', 'credentials'],
    ['https://ico.org.uk:8443/', 'non-standard port'],
    ['ico.org.uk/complaints', 'not a valid URL'],
    ['https://', 'not a valid URL'],
  ])('refuses %s', (raw, reason) => {
    const check = checkExternalUrl(raw, ALLOWED);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });

  it('hands only allowed, normalised URLs to the system opener and explains refusals', async () => {
    const open = vi.fn(async () => {});
    const log = createMemoryLogger();
    const openExternal = createLinkOpener({ open, allowedHosts: () => ALLOWED, log });
    expect(await openExternal('https://ICO.org.uk/x')).toEqual({ opened: true, reason: null });
    expect(await openExternal('https://evil.example/')).toEqual({
      opened: false,
      reason: 'evil.example is not on the list of sites Desk may open',
    });
    expect(open.mock.calls).toEqual([['https://ico.org.uk/x']]);
    expect(log.lines).toEqual([
      '[warn] [main] Refused to open an external link: evil.example is not on the list of sites Desk may open.',
    ]);
  });
});
