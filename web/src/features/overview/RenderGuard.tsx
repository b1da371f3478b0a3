import { Component, type ReactNode } from 'react'
import { ErrorState } from '../../components/PageState'
import { messages } from '../../messages'

/**
 * Shows an error with a retry, instead of a blank page, when the figures cannot be drawn (an answer this page does not
 * expect). Retry draws again after asking the Api again.
 */
export class RenderGuard extends Component<{ children: ReactNode; onRetry: () => void }, { failed: boolean }> {
  state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  componentDidCatch(error: unknown) {
    console.error('The overview could not be drawn', error)
  }

  render() {
    if (!this.state.failed) return this.props.children
    return (
      <ErrorState
        error={new Error(messages.overview.unexpectedAnswer)}
        onRetry={() => {
          this.setState({ failed: false })
          this.props.onRetry()
        }}
      />
    )
  }
}
