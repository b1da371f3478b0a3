import { useCallback, useEffect, useRef, useState } from 'react'
import type { HealthView } from '../../lib/health'
import { fetchHealth } from '../../lib/healthClient'

export type HealthReportState =
  | { kind: 'loading' }
  | { kind: 'ready'; view: HealthView; checkedAt: Date }
  | { kind: 'error' }

/**
 * Loads the readiness report on mount. `reload` fetches again and keeps the last result (or the error)
 * on screen meanwhile, so the button the user pressed stays where it was.
 */
export function useHealthReport() {
  const [state, setState] = useState<HealthReportState>({ kind: 'loading' })
  const [reloading, setReloading] = useState(false)
  const inFlight = useRef<AbortController | null>(null)

  const load = useCallback(async () => {
    inFlight.current?.abort()
    const controller = new AbortController()
    inFlight.current = controller
    try {
      const view = await fetchHealth(controller.signal)
      if (!controller.signal.aborted) setState({ kind: 'ready', view, checkedAt: new Date() })
    } catch {
      if (!controller.signal.aborted) setState({ kind: 'error' })
    } finally {
      if (!controller.signal.aborted) setReloading(false)
    }
  }, [])

  useEffect(() => {
    void load()
    return () => inFlight.current?.abort()
  }, [load])

  const reload = useCallback(() => {
    setReloading(true)
    void load()
  }, [load])

  return { state, reloading, reload }
}
