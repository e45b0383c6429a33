// A Map with a cap: past `cap` entries the least recently used one goes. For in-isolate caches whose keys come from
// callers (bearer tokens, SKUs): a flood of made-up keys must cost a bounded amount of memory, not the isolate's 128 MB.
// A Map iterates in insertion order, so re-inserting on every read makes its first key the least recently used.

export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly cap: number) {}

  get size() {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.cap) this.map.delete(this.map.keys().next().value as K);
    return this;
  }

  delete(key: K) {
    return this.map.delete(key);
  }

  clear() {
    this.map.clear();
  }
}
