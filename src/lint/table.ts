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
