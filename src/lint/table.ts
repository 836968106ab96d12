/**
 * A constant table that is looked up with a word read from a file or a config (a tool, an architecture, a label, a
 * character class). An object literal would also answer for Object.prototype's keys: `TABLE['constructor']` is a
 * function and `'toString' in TABLE` is true, so `RUN constructor install x` or `--platform=linux/constructor`
 * would find an entry that is not there. Built without a prototype, only the table's own entries answer, to `[]`
 * and to `in` alike.
 */
export function table<T extends object>(entries: T): T {
  return Object.assign(Object.create(null) as T, entries);
}

/**
 * The value of a key a file wrote, as an own property only: `constructor` and `__proto__` are keys a Compose file
 * can hold, and must not find Object.prototype's members when the mapping lacks them.
 */
export function ownValue(m: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(m, key) ? m[key] : undefined;
}

/** Sets a key a file wrote as a plain property: assigning to `m['__proto__']` would replace m's prototype. */
export function setOwn(m: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(m, key, { value, writable: true, enumerable: true, configurable: true });
}
