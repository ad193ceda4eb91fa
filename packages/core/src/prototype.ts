/**
 * Whether `for…in` may stand in for `Object.keys` on plain objects: it walks V8's enum cache
 * without allocating a key array per object (less garbage on large payloads and answers), and sees
 * only own members exactly when nothing enumerable was added to `Object.prototype`.
 */

/** True when `Object.prototype` has no enumerable members (nothing polluted it). */
export function objectPrototypeIsClean(): boolean {
  for (const _key in Object.prototype) return false;
  return true;
}
