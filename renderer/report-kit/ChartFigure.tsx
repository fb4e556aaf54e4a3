/**
 * A bar chart (recharts, SVG) that reads without colour: each series has its own fill pattern (solid, hatched,
 * dotted, outlined) shown in the legend, every bar carries its value, and the figure's accessible name says
 * every number in words. Drawn at a fixed size and scaled by CSS, so screen, print and PDF lay it out alike
 * and it stays a vector in the PDF.
 */
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, XAxis, YAxis } from 'recharts';
import type { ChartPattern, ChartSpec } from '../../shared/ipc/export';
import styles from './ChartFigure.module.css';

const LABEL_SHARE = 0.34;
const BAR = 10;

/**
 * `width`: the size it is drawn at (CSS scales it down to fit): the width of an A4 column by default, less
 * for a board card. `caption: false` when the card around it already says what it is.
 */
export function ChartFigure({
  spec,
  width = 680,
  caption = true,
}: {
  spec: ChartSpec;
  width?: number;
  caption?: boolean;
}) {
  const ids = `chart${useId().replace(/[^A-Za-z0-9]/g, '')}`;
  const horizontal = spec.layout === 'horizontal';
  const data = spec.categories.map((category, i) => {
    const point: Record<string, string | number> = { category };
    spec.series.forEach((series, s) => {
      point[`s${s}`] = series.values[i] ?? 0;
    });
    return point;
  });
  const height = horizontal
    ? Math.max(90, spec.categories.length * (spec.series.length * (BAR + 2) + 10) + 36)
    : 230;
  const fill = (pattern: ChartPattern) => (pattern === 'solid' ? SOLID : `url(#${ids}-${pattern})`);

  return (
    <figure className={styles.figure}>
      <figcaption className={caption ? styles.caption : 'visually-hidden'}>{spec.title}</figcaption>
      <ul className={styles.legend} aria-hidden="true">
        {spec.series.map((series) => (
          <li key={series.name}>
            <svg width="14" height="14" viewBox="0 0 14 14" className={styles.swatch} aria-hidden="true">
              <rect x="0.5" y="0.5" width="13" height="13" fill={fill(series.pattern)} stroke={INK} />
            </svg>
            {series.name}
          </li>
        ))}
      </ul>
      <div role="img" aria-label={spec.description} className={styles.plot} style={{ maxWidth: width }}>
        <svg className={styles.defs} width="0" height="0" aria-hidden="true" focusable="false">
          <defs>
            <pattern
              id={`${ids}-hatch`}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill="#ffffff" />
              <line x1="0" y1="0" x2="0" y2="6" stroke={HATCH} strokeWidth="3" />
            </pattern>
            <pattern id={`${ids}-dots`} width="5" height="5" patternUnits="userSpaceOnUse">
              <rect width="5" height="5" fill="#ffffff" />
              <circle cx="2.5" cy="2.5" r="1.4" fill={DOTS} />
            </pattern>
            <pattern id={`${ids}-outline`} width="4" height="4" patternUnits="userSpaceOnUse">
              <rect width="4" height="4" fill="#ffffff" />
            </pattern>
          </defs>
        </svg>
        <BarChart
          width={width}
          height={height}
          data={data}
          layout={horizontal ? 'vertical' : 'horizontal'}
          margin={{ top: 16, right: 40, bottom: 4, left: 4 }}
          barGap={2}
          barCategoryGap={horizontal ? 6 : '20%'}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke={GRID} horizontal={!horizontal} vertical={horizontal} />
          {horizontal ? (
            <>
              <XAxis type="number" allowDecimals={false} tick={TICK} stroke={AXIS} />
              <YAxis
                type="category"
                dataKey="category"
                width={Math.round(width * LABEL_SHARE)}
                tick={TICK}
                stroke={AXIS}
                interval={0}
                tickFormatter={(value: string) => shorten(value, Math.round((width * LABEL_SHARE) / 6))}
              />
            </>
          ) : (
            <>
              <XAxis type="category" dataKey="category" tick={TICK} stroke={AXIS} interval={0} />
              <YAxis type="number" allowDecimals={false} tick={TICK} stroke={AXIS} width={36} />
            </>
          )}
          {spec.series.map((series, s) => (
            <Bar
              key={series.name}
              dataKey={`s${s}`}
              name={series.name}
              fill={fill(series.pattern)}
              stroke={INK}
              strokeWidth={series.pattern === 'outline' ? 1.5 : 0.75}
              isAnimationActive={false}
              maxBarSize={horizontal ? BAR : 40}
            >
              <LabelList dataKey={`s${s}`} position={horizontal ? 'right' : 'top'} fill={INK} fontSize={11} />
            </Bar>
          ))}
        </BarChart>
      </div>
    </figure>
  );
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Dark enough to print as near-black; the patterns, not the hues, tell series apart. */
const SOLID = '#2b59c3';
const HATCH = '#b42318';
const DOTS = '#93370d';
const INK = '#252c38';
const AXIS = '#6b7482';
const GRID = '#e5e8ec';
const TICK = { fontSize: 11, fill: '#394150' };
