import { describe, expect, it } from 'vitest';
import { invalid } from '../../shared/sync';
import { StoreError, toStoreError } from '../db/errors';
import { describeFailure } from './changes';

describe('a failed change, in words for the desk', () => {
  it('keeps a refusal’s sentence and its field messages', () => {
    const failure = describeFailure(
      invalid('Give the case a subject.', { subject: 'Give the case a subject.' }),
    );
    expect(failure).toEqual({
      message: 'Give the case a subject.',
      fields: { subject: 'Give the case a subject.' },
      kind: 'refused',
    });
  });

  it('says a full disk left nothing half-written and what to do', () => {
    const quota = toStoreError({ name: 'AbortError', inner: new DOMException('full', 'QuotaExceededError') });
    const failure = describeFailure(quota);
    expect(failure.kind).toBe('storage');
    expect(failure.message).toMatch(/disk is full.*Nothing was half-written.*Free some space/);
    expect(describeFailure(new StoreError('blocked')).message).toContain('Close the other Desk windows');
  });

  it('turns anything else into a retry with nothing saved', () => {
    const failure = describeFailure(new TypeError('x is undefined'));
    expect(failure).toMatchObject({ kind: 'unexpected', fields: {} });
    expect(failure.message).toBe(
      "Desk couldn't make the change (x is undefined). Nothing was saved: try again, and reload Desk if it keeps happening.",
    );
  });
});
