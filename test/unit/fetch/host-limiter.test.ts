import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../../src/fetch/host-limiter.ts';

async function run(limiter: HostLimiter, hosts: string[]) {
  const active = new Map<string, number>();
  const peak = new Map<string, number>();
  let globalPeak = 0;
  await Promise.all(hosts.map(async (host) => {
    const release = await limiter.acquire(host);
    active.set(host, (active.get(host) ?? 0) + 1);
    peak.set(host, Math.max(peak.get(host) ?? 0, active.get(host)!));
    globalPeak = Math.max(globalPeak, limiter.inFlight);
    await sleep(5);
    active.set(host, active.get(host)! - 1);
    release();
  }));
  return { peak, globalPeak };
}

describe('HostLimiter', () => {
  it('never exceeds the per-host and global limits', async () => {
    const limiter = new HostLimiter({ perHostConcurrency: 2, perHostDelayMs: 0, globalConcurrency: 3 });
    const { peak, globalPeak } = await run(limiter, ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'c']);
    expect(peak.get('a')).toBe(2);
    expect(globalPeak).toBe(3);
    expect(limiter.inFlight).toBe(0);
  });

  it('holds the next request to a host back until the minimum delay has passed, not other hosts', async () => {
    const limiter = new HostLimiter({ perHostConcurrency: 5, perHostDelayMs: 60_000, globalConcurrency: 10 });
    (await limiter.acquire('slow.example'))();
    const controller = new AbortController();
    let settled = false;
    const second = limiter.acquire('slow.example', controller.signal).finally(() => (settled = true));
    (await limiter.acquire('other.example'))();
    await sleep(20);
    expect(settled).toBe(false);
    controller.abort(new Error('enough'));
    await expect(second).rejects.toThrow('enough');
  });

  it('rejects a waiter whose signal aborts and frees nothing it did not take', async () => {
    const limiter = new HostLimiter({ perHostConcurrency: 1, perHostDelayMs: 0, globalConcurrency: 1 });
    const release = await limiter.acquire('x');
    const controller = new AbortController();
    const waiting = limiter.acquire('x', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    release();
    expect(limiter.inFlight).toBe(0);
    (await limiter.acquire('x'))();
  });
});
