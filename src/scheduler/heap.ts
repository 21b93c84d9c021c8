/** A binary min-heap on `at` (epoch ms). PURE. Stale entries are skipped by the caller (lazy deletion). */
export interface HeapItem {
  at: number;
}

export class MinHeap<T extends HeapItem> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent] as T;
      if (p.at <= item.at) break;
      a[i] = p;
      i = parent;
    }
    a[i] = item;
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    const n = a.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const left = a[l] as T;
      const right = a[r];
      const child = right !== undefined && right.at < left.at ? r : l;
      const c = a[child] as T;
      if (c.at >= last.at) break;
      a[i] = c;
      i = child;
    }
    a[i] = last;
    return top;
  }

  /** Removes and returns every item with `at <= now`, earliest first. */
  popDue(now: number): T[] {
    const out: T[] = [];
    for (let top = this.peek(); top !== undefined && top.at <= now; top = this.peek()) {
      out.push(this.pop() as T);
    }
    return out;
  }

  /** Drops every item the predicate rejects (O(n), for compaction when most entries are stale). */
  retain(keep: (item: T) => boolean): void {
    const kept = this.items.filter(keep);
    this.items.length = 0;
    for (const item of kept) this.push(item);
  }

  clear(): void {
    this.items.length = 0;
  }
}
