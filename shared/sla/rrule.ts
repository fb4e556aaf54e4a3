import * as rruleModule from 'rrule';

/*
 * rrule ships ESM for bundlers (named exports) but plain Node loads its UMD build, where the
 * named exports sit on `default`. Read RRule from whichever shape was loaded.
 */
type RRuleModule = typeof rruleModule;
const loaded = rruleModule as RRuleModule & { default?: RRuleModule };

export const RRule: RRuleModule['RRule'] = loaded.RRule ?? loaded.default!.RRule;
export type RRule = InstanceType<RRuleModule['RRule']>;
