import { describe, expect, it } from 'vitest';
import { complaintPolicy, escalationPolicy, formalComplaintPolicy } from '../../../shared/policies';
import { emptyValues, formField, toCreateArgs, validateIntake } from './intake-form';

describe('the intake form', () => {
  it('asks a complaint for what the policy requires, all at once', () => {
    const policy = complaintPolicy();
    const errors = validateIntake('complaint', policy, emptyValues(policy));
    expect(Object.keys(errors).sort()).toEqual(
      ['bestTimeToCall', 'description', 'desired-remedy', 'name', 'phone', 'subject'].sort(),
    );
    expect(errors.phone).toBe('Please answer “Daytime phone number”.');
  });

  it('makes createCase arguments with each answer where the case keeps it', () => {
    const policy = complaintPolicy();
    const values = {
      ...emptyValues(policy),
      subject: 'Laptop wiped',
      name: 'Olivia Hughes',
      phone: '01865 270000',
      bestTimeToCall: 'After 2pm',
      answers: { description: 'Drive wiped.', 'desired-remedy': 'Recover my files.', 'related-ticket': '' },
    };
    expect(validateIntake('complaint', policy, values)).toEqual({});
    expect(toCreateArgs('complaint', policy, values)).toMatchObject({
      kind: 'complaint',
      description: 'Drive wiped.',
      requester: { name: 'Olivia Hughes', phone: '01865 270000', bestTimeToCall: 'After 2pm' },
      intake: { 'desired-remedy': 'Recover my files.' },
    });
  });

  it('starts a formal complaint at its formal stage, and an escalation with its owner', () => {
    const formal = formalComplaintPolicy();
    expect(emptyValues(formal).stage).toBe('formal');
    const escalation = escalationPolicy();
    const values = { ...emptyValues(escalation), subject: 's', name: 'n', email: 'n@example.ac.uk' };
    expect(validateIntake('escalation', escalation, values).ownerId).toBe(
      'An escalation needs a designated owner from the start.',
    );
    expect(toCreateArgs('escalation', escalation, { ...values, ownerId: 'p1' })).toMatchObject({
      ownerId: 'p1',
      assigneeId: 'p1',
    });
  });

  it('shows the mutator’s field errors on the form’s own fields', () => {
    expect(formField('requester.email')).toBe('email');
    expect(formField('daytime-phone')).toBe('phone');
    expect(formField('original-ticket')).toBe('original-ticket');
  });

  it('refuses a phone number that is not one, in words a person reads', () => {
    const policy = complaintPolicy();
    const values = {
      ...emptyValues(policy),
      subject: 'Laptop wiped',
      name: 'Olivia Hughes',
      phone: 'call me maybe',
      bestTimeToCall: 'After 2pm',
      answers: { description: 'Drive wiped.', 'desired-remedy': 'Recover my files.' },
    };
    expect(validateIntake('complaint', policy, values).phone).toBe(
      'That isn’t a phone number: give the digits to call (e.g. 01865 270000 or +44 1865 270000).',
    );
    expect(validateIntake('complaint', policy, { ...values, phone: '+44 1865 270000' })).toEqual({});
  });

  it('asks a formal complaint for its date only if applicable', () => {
    const formal = formalComplaintPolicy();
    const values = {
      ...emptyValues(formal),
      subject: 'Repair lost',
      name: 'Dr Aoife O’Neill-Ní Bhriain',
      email: 'aoife@example.ac.uk',
      answers: { statement: 'My repair was lost twice.' },
    };
    expect(validateIntake('formal-complaint', formal, values)).toEqual({});
  });
});
