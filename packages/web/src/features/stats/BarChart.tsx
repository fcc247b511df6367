import { Link } from '../../app/router.tsx';

/**
 * Small hand-written SVG bar charts (no chart library: the bundle stays small). One bar per
 * row: the label and the figures as text above it (they wrap at 360 px), the bar below drawn in
 * an SVG whose geometry is in percentages, so it scales to the width without scaling the text.
 * A row with `to` is a link: clicking the bar drills down.
 */

export type Tone = 'main' | 'soft' | 'alert' | 'ok' | 'muted';

interface Segment {
  value: number;
  tone: Tone;
}

export interface Bar {
  key: string;
  label: string;
  /** The figures as words, read by everyone (the bar only shows their proportions). */
  detail: string;
  segments: readonly Segment[];
  /** Where the bar leads (drill-down). */
  to?: string;
  /** Marks the figures as needing attention (overdue). */
  alert?: boolean;
}

const HEIGHT = 14;

function total(segments: readonly Segment[]): number {
  return segments.reduce((n, s) => n + s.value, 0);
}

/** The bar: a light track the full width, then the segments side by side from the left. */
function BarSvg({ segments, max }: { segments: readonly Segment[]; max: number }) {
  const widths = segments.map((s) => (max > 0 ? (s.value / max) * 100 : 0));
  const starts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  return (
    <svg className="bar-chart__bar" width="100%" height={HEIGHT} aria-hidden="true" focusable="false">
      <rect className="bar-chart__track" x="0" y="0" width="100%" height={HEIGHT} rx="2" />
      {segments.map((s, i) =>
        widths[i]! > 0 ? (
          <rect key={i} className={`bar-chart__seg bar-chart__seg--${s.tone}`} x={`${starts[i]}%`} y="0" width={`${widths[i]}%`} height={HEIGHT} />
        ) : null,
      )}
    </svg>
  );
}

export function BarChart({ bars, label, testId, max }: { bars: readonly Bar[]; label: string; testId: string; max?: number }) {
  const top = max ?? Math.max(1, ...bars.map((b) => total(b.segments)));
  return (
    <ul className="bar-chart" aria-label={label} data-testid={testId}>
      {bars.map((b) => {
        const body = (
          <>
            <span className="bar-chart__label">{b.label}</span>
            <span className={b.alert ? 'bar-chart__detail bar-chart__detail--alert' : 'bar-chart__detail'}>{b.detail}</span>
            <BarSvg segments={b.segments} max={top} />
          </>
        );
        return (
          <li key={b.key} data-key={b.key}>
            {b.to ? (
              <Link to={b.to} className="bar-chart__row bar-chart__row--link">
                {body}
              </Link>
            ) : (
              <div className="bar-chart__row">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The colours of a chart, each with its meaning. */
export function Legend({ items, label }: { items: ReadonlyArray<{ tone: Tone; text: string }>; label: string }) {
  return (
    <ul className="legend" aria-label={label}>
      {items.map((item) => (
        <li key={item.tone}>
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <rect className={`bar-chart__seg bar-chart__seg--${item.tone}`} width="12" height="12" rx="2" />
          </svg>
          {item.text}
        </li>
      ))}
    </ul>
  );
}
