import { useCallback, useState } from 'react'
import { fieldErrorsOf, saveErrorMessage, type FieldErrors } from './forms'

export interface ActionState {
  busy: boolean
  error: string | null
  fieldErrors: FieldErrors
  saved: string | null
}

/** One change sent to the Api at a time: its Hebrew error and field errors on failure, a confirmation on success. */
export function useAction() {
  const [state, setState] = useState<ActionState>({ busy: false, error: null, fieldErrors: {}, saved: null })
  const run = useCallback(async <T,>(action: () => Promise<T>, saved: string): Promise<T | undefined> => {
    setState({ busy: true, error: null, fieldErrors: {}, saved: null })
    try {
      const result = await action()
      setState({ busy: false, error: null, fieldErrors: {}, saved })
      return result
    } catch (error) {
      setState({ busy: false, error: saveErrorMessage(error), fieldErrors: fieldErrorsOf(error), saved: null })
      return undefined
    }
  }, [])
  const fail = useCallback((fieldErrors: FieldErrors) => setState({ busy: false, error: null, fieldErrors, saved: null }), [])
  return { state, run, fail }
}
