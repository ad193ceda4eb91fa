/** A list that renders only the rows in view: 10,000 rows cost what 30 do. */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";

/** Props of {@link VirtualList}. */
export interface VirtualListProps<T> {
  items: readonly T[];
  /** Height of one row in pixels. */
  rowHeight: number;
  /** Height of the scrolling area in pixels. */
  height: number;
  row: (item: T, index: number) => ComponentChildren;
  label: string;
}

/** Renders the rows of `items` in view (plus a few around), inside one scrolling box. */
export function VirtualList<T>({ items, rowHeight, height, row, label }: VirtualListProps<T>) {
  const [top, setTop] = useState(0);
  const first = Math.max(0, Math.floor(top / rowHeight) - 5);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + 5);
  const rows = [];
  for (let i = first; i < last; i++) rows.push(<div class="vrow" role="row" style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }} key={i}>{row(items[i] as T, i)}</div>);
  return (
    <div class="vlist" role="grid" aria-label={label} aria-rowcount={items.length} tabIndex={0} style={{ height: `${height}px` }}
      onScroll={(e) => setTop((e.currentTarget as HTMLElement).scrollTop)}>
      <div style={{ height: `${items.length * rowHeight}px`, position: "relative" }}>{rows}</div>
    </div>
  );
}
