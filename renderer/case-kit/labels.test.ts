import { describe, expect, it } from 'vitest';
import { complaintPolicy, queryPolicy } from '../../shared/policies';
import { ladderStepText, toldText } from './labels';

describe('a ladder step on the timeline says what happened and whom it told', () => {
  it('names the step by its rule and the people told in words', () => {
    expect(
      ladderStepText({ ruleId: 'resolution-overdue', notified: ['manager', 'owner'] }, complaintPolicy()),
    ).toBe('Not resolved within 20 working days — told the manager and the owner');
    expect(
      ladderStepText({ ruleId: 'day-14-director', notified: ['manager', 'director'] }, queryPolicy()),
    ).toBe('Day 14: manager and director — told the manager and the director');
  });

  it('falls back to the step’s message when the policy no longer has the rule, and never shows role ids', () => {
    const text = ladderStepText(
      { ruleId: 'gone', notified: ['desk', 'line-manager', 'assignee'], message: 'Response overdue.' },
      queryPolicy(),
    );
    expect(text).toBe('Response overdue — told the desk, the line manager and the assignee');
    expect(text).not.toMatch(/told:|line-manager|Escalation step/);
    expect(ladderStepText({ ruleId: 'gone', notified: [] }, undefined)).toBe('Escalation step');
  });

  it('lists each role once', () => {
    expect(toldText(['owner', 'owner'])).toBe('the owner');
    expect(toldText([])).toBe('');
  });
});
