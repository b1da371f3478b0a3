import { useEffect, useRef, useState } from 'react'
import type { CallView } from './types'

export type LiveState = 'connecting' | 'live' | 'offline'

export const livePath = '/api/v1/calls/live'

/**
 * Follows the business's calls over server-sent events. `onCall` gets each changed call; `onMissed` is called when
 * changes may have been missed — on every reconnect after the first connection, and when the Api says so — so the
 * page reads its list again. EventSource reconnects by itself; the state says whether it is connected.
 */
export function useLiveCalls(onCall: (call: CallView) => void, onMissed: () => void, path = livePath): LiveState {
  const [state, setState] = useState<LiveState>('connecting')
  const handlers = useRef({ onCall, onMissed })
  handlers.current = { onCall, onMissed }

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setState('offline')
      return
    }
    const source = new EventSource(path, { withCredentials: true })
    let opened = false
    source.addEventListener('ready', () => {
      setState('live')
      if (opened) handlers.current.onMissed()
      opened = true
    })
    source.addEventListener('call', (event) => {
      try {
        const body = JSON.parse((event as MessageEvent<string>).data) as { call?: CallView }
        if (body.call) handlers.current.onCall(body.call)
      } catch {
        handlers.current.onMissed()
      }
    })
    source.addEventListener('resync', () => handlers.current.onMissed())
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting')
    return () => source.close()
  }, [path])

  return state
}
