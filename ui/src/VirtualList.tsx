import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

// A windowed list of fixed-height rows: only the rows in view (plus a few) are in the DOM, so 50,000 rows cost the
// same as 50. Keyboard: the list itself is a tab stop; arrows, Page Up/Down, Home and End move the active row, Enter
// follows its link.

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  label: string;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number, active: boolean) => ReactNode;
  onActivate?: (item: T, index: number) => void;
  /** Extra class on the scroll container. */
  className?: string;
}

const OVERSCAN = 8;

export function VirtualList<T>({ items, rowHeight, label, getKey, renderRow, onActivate, className }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [active, setActive] = useState(0);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (active >= items.length) setActive(Math.max(0, items.length - 1));
  }, [items.length, active]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);

  function moveTo(next: number) {
    const el = scroller.current;
    if (!el || items.length === 0) return;
    const index = Math.max(0, Math.min(items.length - 1, next));
    setActive(index);
    const top = index * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    // The scroll event arrives later; render the new window now so the active row (and its link) is in the DOM
    // for an Enter pressed right after End or Page Down.
    setScrollTop(el.scrollTop);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: items.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]);
    } else if (e.key === 'Enter' && items[active] !== undefined) {
      e.preventDefault();
      if (onActivate) onActivate(items[active], active);
      else scroller.current?.querySelector<HTMLAnchorElement>(`[data-index="${active}"] a`)?.click();
    }
  }

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i];
    rows.push(
      <div
        key={getKey(item)}
        role="listitem"
        data-index={i}
        className={'vrow' + (i === active ? ' active' : '')}
        style={{ top: i * rowHeight, height: rowHeight }}
        onMouseDown={() => setActive(i)}
      >
        {renderRow(item, i, i === active)}
      </div>,
    );
  }

  return (
    <div
      ref={scroller}
      className={'vlist ' + (className ?? '')}
      tabIndex={0}
      role="list"
      aria-label={`${label} (${items.length}); use the arrow keys to move and Enter to open`}
      aria-rowcount={items.length}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div className="vlist-inner" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
