import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/ipc/schemas';
import { SOCKET_PROTOCOL } from '../../shared/ipc/socket';
import { BridgeCallError, BridgeUnavailableError, createSocketBridge } from './socket-bridge';

/** A WebSocket the test drives: it records what the bridge sends and lets the test open, answer and drop it. */
class FakeSocket {
  static made: FakeSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.made.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  answer(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const latest = () => FakeSocket.made.at(-1)!;

function bridge(options: { healthy?: boolean } = {}) {
  return createSocketBridge({
    url: 'ws://127.0.0.1:5178/bridge',
    token: 'abc123',
    healthUrl: 'http://127.0.0.1:5178/healthz',
    createSocket: (url, protocols) => new FakeSocket(url, protocols) as unknown as WebSocket,
    checkHealth: async () => options.healthy ?? false,
  });
}

beforeEach(() => {
  FakeSocket.made = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('the socket bridge', () => {
  it('offers the bridge protocol and the token, and sends calls made before the socket opened once it does', async () => {
    const b = bridge();
    expect(latest().protocols).toEqual([SOCKET_PROTOCOL, 'desk.token.abc123']);
    const settings = b.desk.getSettings();
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().sent).toEqual([{ type: 'call', id: 1, method: 'getSettings', args: [] }]);
    latest().answer({ type: 'result', id: 1, ok: true, value: DEFAULT_SETTINGS });
    await expect(settings).resolves.toEqual(DEFAULT_SETTINGS);
    expect(b.connection()).toBe('online');
  });

  it('rejects with the host-side error name and message', async () => {
    const b = bridge();
    latest().open();
    const call = b.desk.updateSettings({ me: null });
    latest().answer({
      type: 'result',
      id: 1,
      ok: false,
      error: { name: 'BridgeValidationError', message: 'desk.updateSettings: invalid arguments' },
    });
    await expect(call).rejects.toBeInstanceOf(BridgeCallError);
    await expect(call).rejects.toMatchObject({ name: 'BridgeValidationError' });
  });

  it('refuses a result that does not match the contract', async () => {
    const b = bridge();
    latest().open();
    const call = b.desk.getSettings();
    latest().answer({ type: 'result', id: 1, ok: true, value: { me: 'someone' } });
    await expect(call).rejects.toThrow(/desk.getSettings: the shell returned an invalid result/);
  });

  it('delivers events parsed, and ignores events that do not match the contract', () => {
    const b = bridge();
    latest().open();
    const seen: unknown[] = [];
    const stop = b.desk.onSettingsChanged((settings) => seen.push(settings.me));
    latest().answer({ type: 'event', event: 'settingsChanged', payload: { ...DEFAULT_SETTINGS, me: null } });
    expect(() => latest().answer({ type: 'event', event: 'settingsChanged', payload: { me: 3 } })).toThrow();
    stop();
    latest().answer({ type: 'event', event: 'settingsChanged', payload: DEFAULT_SETTINGS });
    expect(seen).toEqual([null]);
  });

  it('fails calls in flight when the socket drops, says offline, and reconnects', async () => {
    const b = bridge();
    latest().open();
    const inFlight = b.desk.getAppInfo();
    latest().drop();
    await expect(inFlight).rejects.toBeInstanceOf(BridgeUnavailableError);
    expect(b.connection()).toBe('offline');

    const waiting = b.desk.getSettings();
    await vi.advanceTimersByTimeAsync(300);
    expect(FakeSocket.made).toHaveLength(2);
    latest().open();
    expect(b.connection()).toBe('online');
    latest().answer({ type: 'result', id: latest().sent[0]!.id, ok: true, value: DEFAULT_SETTINGS });
    await expect(waiting).resolves.toEqual(DEFAULT_SETTINGS);
  });

  it('stops and says "refused" when the host is up but never accepts the socket', async () => {
    const b = bridge({ healthy: true });
    const waiting = b.desk.getSettings();
    latest().drop();
    await expect(waiting).rejects.toThrow(/refused this page/);
    expect(b.connection()).toBe('refused');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeSocket.made).toHaveLength(1);
  });

  it('gives up on a call the host never answers', async () => {
    const b = bridge();
    latest().open();
    const call = b.desk.getAppInfo();
    const settled = expect(call).rejects.toThrow(/did not answer desk.getAppInfo/);
    await vi.advanceTimersByTimeAsync(15_000);
    await settled;
  });
});
