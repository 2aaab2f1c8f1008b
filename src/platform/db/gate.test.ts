import { describe, expect, it } from 'vitest';
import { Gate } from './gate.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('Gate', () => {
  it('hands out as many turns as it has, then queues', async () => {
    const g = new Gate(2);
    await g.acquire(false);
    await g.acquire(false);
    let third = false;
    void g.acquire(false).then(() => {
      third = true;
    });
    await tick();
    expect(third).toBe(false);
    expect(g.waiting).toBe(1);
    g.release();
    await tick();
    expect(third).toBe(true);
    expect(g.waiting).toBe(0);
  });

  it('serves work already begun before new work, each in arrival order', async () => {
    const g = new Gate(1);
    await g.acquire(false);
    const order: string[] = [];
    const wait = (name: string, begun: boolean) =>
      g.acquire(begun).then(() => {
        order.push(name);
        g.release();
      });
    const all = Promise.all([
      wait('new 1', false),
      wait('begun 1', true),
      wait('new 2', false),
      wait('begun 2', true),
    ]);
    g.release();
    await all;
    expect(order).toEqual(['begun 1', 'begun 2', 'new 1', 'new 2']);
  });

  it('gives the turn back when the work fails', async () => {
    const g = new Gate(1);
    await expect(g.run(false, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await g.run(false, async () => 42)).toBe(42);
  });
});
