import { describe, expect, it } from 'vitest';
import { caseRefFor } from '../sync/mutation';
import { caseRefInSubject, replySubject, stripReplyPrefixes } from './subject';

describe('caseRefInSubject', () => {
  it('finds the reference Desk wrote, after any reply prefixes', () => {
    expect(caseRefInSubject('Re: [Q-KDRMX-42] My laptop')).toBe('Q-KDRMX-42');
    expect(caseRefInSubject('AW: SV: RE: [C-ABCDE-7] Complaint')).toBe('C-ABCDE-7');
  });

  it('finds a reference made by caseRefFor, for every kind', () => {
    for (const kind of ['query', 'complaint', 'escalation', 'formal-complaint'] as const) {
      const ref = caseRefFor(kind, 'client-1', 42);
      expect(caseRefInSubject(`Re: [${ref}] hello`)).toBe(ref);
    }
  });

  it("finds the demo's numbers and retyped lower-case references", () => {
    expect(caseRefInSubject('Re: [Q-10299] Printer')).toBe('Q-10299');
    expect(caseRefInSubject('re: [q-kdrmx-42] lower')).toBe('q-kdrmx-42');
    expect(caseRefInSubject('Laptop [ F-KDRMX-3 ] again')).toBe('F-KDRMX-3');
  });

  it('ignores brackets that are not a case reference', () => {
    expect(caseRefInSubject('[EXTERNAL] Re: invoice')).toBeNull();
    expect(caseRefInSubject('[X-12] list tag')).toBeNull();
    expect(caseRefInSubject('Q-KDRMX-42 without brackets')).toBeNull();
    expect(caseRefInSubject('')).toBeNull();
  });
});

describe('stripReplyPrefixes', () => {
  it('removes the reply and forward prefixes of many languages', () => {
    expect(stripReplyPrefixes('Re: RE: AW: Fwd: WG: SV: VS: Antw: Laptop')).toBe('Laptop');
    expect(stripReplyPrefixes('Re[2]: Laptop')).toBe('Laptop');
    expect(stripReplyPrefixes('回复: 电脑')).toBe('电脑');
    expect(stripReplyPrefixes('ATB: Gliniadur')).toBe('Gliniadur');
  });

  it('keeps a subject that only starts with similar letters', () => {
    expect(stripReplyPrefixes('Request for access')).toBe('Request for access');
    expect(stripReplyPrefixes('Rent: due')).toBe('Rent: due');
  });
});

describe('replySubject', () => {
  it('adds the reference and one Re:', () => {
    expect(replySubject('Q-KDRMX-42', 'My laptop')).toBe('Re: [Q-KDRMX-42] My laptop');
    expect(replySubject('Q-KDRMX-42', 'RE: AW: My laptop')).toBe('Re: [Q-KDRMX-42] My laptop');
  });

  it('does not double a reference the subject already has', () => {
    expect(replySubject('Q-KDRMX-42', 'Re: Re: [Q-KDRMX-42] My laptop')).toBe('Re: [Q-KDRMX-42] My laptop');
    expect(replySubject('Q-KDRMX-42', 'Re: [q-kdrmx-42] My laptop')).toBe('Re: [q-kdrmx-42] My laptop');
  });

  it('gives a subject even when the requester sent none', () => {
    expect(replySubject('Q-10299', '')).toBe('Re: [Q-10299]');
  });
});
