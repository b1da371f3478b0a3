import { useCallback, useEffect, useRef, useState } from 'react'
import { useAuth } from '../features/auth/AuthProvider'
import { ApiError } from './api'

export type QueryState<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: T; error: ApiError | Error }
  | { status: 'ready'; data: T; error?: undefined }

/**
 * Reads one Api path (GET) for a page: loading, error (with the Hebrew message) and data, with `reload` after a change.
 * A null path waits (nothing to read yet). A reload keeps showing the data it has until the new answer comes.
 */
export function useApiQuery<T>(path: string | null): QueryState<T> & { reload: () => void } {
  const { client } = useAuth()
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' })
  const [generation, setGeneration] = useState(0)
  const last = useRef<T | undefined>(undefined)

  useEffect(() => {
    if (path === null) return
    const controller = new AbortController()
    client.get<T>(path, { signal: controller.signal }).then(
      (data) => {
        last.current = data
        setState({ status: 'ready', data })
      },
      (error: unknown) => {
        if (controller.signal.aborted) return
        setState({
          status: 'error',
          data: last.current,
          error: error instanceof Error ? error : new Error(String(error)),
        })
      },
    )
    return () => controller.abort()
  }, [client, path, generation])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  return { ...state, reload }
}

/** The zone the signed-in business shows its dates in. */
export function useTimeZone(): string {
  const { session } = useAuth()
  return session.kind === 'signed-in' ? session.timeZone : 'Asia/Jerusalem'
}
