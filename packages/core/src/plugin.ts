/**
 * Types of the plugin mechanism (Octokit's model): a plugin is a function that receives the
 * session and returns the methods to add to it.
 */

/** A method group: called once per session, returns the methods it adds. */
export type SessionPlugin<S = any> = (session: S) => Record<string, unknown> | void;

/** Turns a union into an intersection (`A | B` → `A & B`). */
export type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void
  ? I
  : never;

/** The methods added by a list of plugins. */
export type PluginMethods<T extends SessionPlugin[]> = UnionToIntersection<
  { [K in keyof T]: T[K] extends (...args: any[]) => infer R ? (R extends void ? {} : R) : never }[number]
>;

/** A class constructor. */
export type Constructor<T> = new (...args: any[]) => T;
