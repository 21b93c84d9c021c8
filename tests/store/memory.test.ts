import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { storeContract } from './contract.ts';

storeContract({
  name: 'memory',
  shared: false,
  open: (keyPrefix, clock) => openStore('memory://', { keyPrefix, clock }),
});

describe('memory store', () => {
  it('reports its kind and description, and each open starts empty', async () => {
    const a = await openStore('memory://');
    const b = await openStore('memory://');
    expect(a.kind).toBe('memory');
    expect(a.describe()).toBe('memory://');
    await a.set('meta', 'k', 1);
    expect(await b.get('meta', 'k')).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });
});
