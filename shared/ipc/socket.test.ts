import { describe, expect, it } from 'vitest';
import { HostMessage } from './socket';
import { parseResult } from './validate';

describe('socket messages', () => {
  it('accept the result of a method that returns nothing, as JSON carries it (no value key)', () => {
    const wire = JSON.parse(JSON.stringify({ type: 'result', id: 7, ok: true, value: undefined }));
    const parsed = HostMessage.parse(wire);
    expect(parsed).toEqual({ type: 'result', id: 7, ok: true });
    expect(parseResult('log', parsed.type === 'result' && parsed.ok ? parsed.value : 'x')).toBeUndefined();
  });
});
