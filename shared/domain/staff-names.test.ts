import { describe, expect, it } from 'vitest';
import { findStaffNames, REDACTED, redactStaffNames } from './staff-names';

const STAFF = ['Ana Patel', 'Ben Carter', 'Dr Priya Raman', 'Sean Doherty'];

describe('staff names in a formal complaint', () => {
  it('finds full names in any case and titled surnames, once per person', () => {
    const found = findStaffNames(
      ['I spoke to ana patel on Monday and then to Ms Patel again.', 'Dr. Raman never replied.'],
      STAFF,
    );
    expect(found.map((m) => m.name)).toEqual(['Ana Patel', 'Dr Priya Raman']);
    expect(found[0]!.found).toBe('ana patel');
  });

  it('does not flag parts of other words or first names alone', () => {
    expect(findStaffNames(['Benjamin Carterton helped', 'Ben was kind', 'a patella injury'], STAFF)).toEqual(
      [],
    );
  });

  it('redacts every mention and leaves the rest of the text alone', () => {
    const text = 'Sean Doherty said no. Mr Doherty then hung up; Ana  Patel was copied.';
    expect(redactStaffNames(text, STAFF)).toBe(
      `${REDACTED} said no. ${REDACTED} then hung up; ${REDACTED} was copied.`,
    );
    expect(findStaffNames([redactStaffNames(text, STAFF)], STAFF)).toEqual([]);
  });
});
