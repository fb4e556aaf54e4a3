import { describe, expect, it } from 'vitest';
import { describeCheck, draftOf, toSave, withSecurity } from './mailbox-form';

const filled = () => ({
  ...draftOf(null),
  deskAddress: 'desk@example.ac.uk',
  imapHost: 'imap.example.ac.uk',
  imapUser: 'desk',
  smtpHost: 'smtp.example.ac.uk',
});

describe('Settings → Mailbox form', () => {
  it('saves what was typed, with a typed password and without an empty one (the stored one is kept)', () => {
    const outcome = toSave({ ...filled(), imapPassword: 'secret' });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.save.settings.imap).toMatchObject({
      host: 'imap.example.ac.uk',
      port: 993,
      security: 'tls',
    });
    expect(outcome.save.imapPassword).toBe('secret');
    expect('smtpPassword' in outcome.save).toBe(false);
  });

  it('puts each problem next to its field in words', () => {
    const outcome = toSave({ ...filled(), deskAddress: 'desk', imapHost: ' ', smtpPort: '99999' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.deskAddress).toMatch(/email address/);
    expect(outcome.errors.imapHost).toMatch(/server name/);
    expect(outcome.errors.smtpPort).toMatch(/port number/);
  });

  it('an empty sent folder means no copies are kept', () => {
    const outcome = toSave({ ...filled(), sentFolder: '' });
    expect(outcome.ok && outcome.save.settings.smtp.sentFolder).toBeNull();
  });

  it('choosing STARTTLS moves a usual port to 143 but keeps a port the person chose', () => {
    expect(withSecurity(filled(), 'imap', 'starttls').imapPort).toBe('143');
    expect(withSecurity({ ...filled(), imapPort: '1993' }, 'imap', 'starttls').imapPort).toBe('1993');
  });

  it('says at which stage a connection failed', () => {
    expect(describeCheck({ ok: false, stage: 'login', message: 'AUTHENTICATIONFAILED' })).toBe(
      'Signing in failed: AUTHENTICATIONFAILED',
    );
  });
});
