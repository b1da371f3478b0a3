import { messages } from '../../messages'
import { layoutBars, ticks } from './chart'

const width = 560
const height = 180
const axis = 28
const labels = 22

/** `yyyy-MM-dd` → `dd/MM` (a chart label), `dd/MM/yyyy` (the table). */
export function shortDate(day: string): string {
  const [, m, d] = day.split('-')
  return `${d}/${m}`
}

export function fullDate(day: string): string {
  const [y, m, d] = day.split('-')
  return `${d}/${m}/${y}`
}

/**
 * Calls per local day as bars, the oldest day at the start side (right, in Hebrew), with the same figures as a table for
 * screen readers and for anyone who prefers numbers.
 */
export function CallsPerDayChart({ days, today }: { days: { date: string; count: number }[]; today: string }) {
  const t = messages.overview
  const plot = width - axis
  const { top, bars } = layoutBars(
    days.map((d) => ({ key: d.date, value: d.count })),
    { width: plot, height: height - labels - 8, gap: 8 },
  )
  const y = (value: number) => height - labels - (value / top) * (height - labels - 8)
  return (
    <div>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t.callsPerDayChart}
        className="h-auto w-full"
        data-testid="calls-per-day-chart"
      >
        {ticks(top).map((tick) => (
          <g key={tick}>
            <line x1={0} x2={plot} y1={y(tick)} y2={y(tick)} className="stroke-slate-200" strokeWidth={1} />
            <text x={plot + 6} y={y(tick) + 4} className="fill-slate-500 text-[11px]">
              {tick}
            </text>
          </g>
        ))}
        {bars.map((bar, i) => {
          const day = days[i]!
          // Right to left: the first (oldest) day sits at the start side of a Hebrew page.
          const x = plot - bar.x - bar.width
          return (
            <g key={bar.key}>
              <rect
                x={x}
                y={height - labels - bar.height}
                width={bar.width}
                height={bar.height}
                rx={3}
                className={day.date === today ? 'fill-blue-700' : 'fill-blue-400'}
              >
                <title>{t.barLabel(fullDate(day.date), day.count)}</title>
              </rect>
              {i % 2 === (days.length - 1) % 2 && (
                <text x={x + bar.width / 2} y={height - 6} textAnchor="middle" className="fill-slate-600 text-[11px]">
                  {shortDate(day.date)}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer rounded text-blue-800 focus-visible:outline-2 focus-visible:outline-blue-700">
          {t.showTable}
        </summary>
        <div className="mt-2 max-h-64 overflow-auto">
          <table className="w-full text-start">
            <thead>
              <tr>
                <th scope="col" className="py-1 text-start font-medium">
                  {t.dayColumn}
                </th>
                <th scope="col" className="py-1 text-start font-medium">
                  {t.callsColumn}
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date} className="border-t border-slate-100">
                  <td className="py-1 tabular-nums">{fullDate(d.date)}</td>
                  <td className="py-1 tabular-nums">{d.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  )
}
