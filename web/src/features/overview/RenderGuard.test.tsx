// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { messages } from '../../messages'
import { RenderGuard } from './RenderGuard'

function Figures({ broken }: { broken: boolean }) {
  if (broken) throw new TypeError("Cannot read properties of undefined (reading 'map')")
  return <p>הנתונים</p>
}

function Page() {
  const [broken, setBroken] = useState(true)
  return (
    <RenderGuard onRetry={() => setBroken(false)}>
      <Figures broken={broken} />
    </RenderGuard>
  )
}

afterEach(cleanup)

describe('the overview render guard', () => {
  it('turns a drawing failure into a Hebrew error with a retry that draws again', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    render(<Page />)

    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain(messages.overview.unexpectedAnswer)
    fireEvent.click(screen.getByRole('button', { name: messages.common.retry }))

    expect(screen.getByText('הנתונים')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
