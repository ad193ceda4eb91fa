/** Loads data through the API, and again when the emulator says something changed. */
import { useEffect, useState } from "preact/hooks";
import { actingAs } from "./api";
import { changes } from "./live";

/** What {@link useLoad} gives: the data, the error, and whether it is loading. */
export interface Loaded<T> {
  data?: T;
  error?: string;
  loading: boolean;
}

/** Runs `load` now, when `deps` or the acting user change, and (when `live`) after the emulator's changes. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], live = true): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  const tick = live ? changes.value : 0;
  const as = actingAs.value;
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data, loading: false }),
      (err: Error) => current && setState({ error: err.message, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...deps, tick, as]);
  return state;
}
