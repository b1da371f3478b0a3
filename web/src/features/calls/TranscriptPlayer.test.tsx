// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { TranscriptPlayer } from './TranscriptPlayer'
import type { TranscriptTurn } from './types'

const turns: TranscriptTurn[] = [
  { speaker: 'assistant', text: 'שלום, כאן העוזרת', offsetMs: 500, interrupted: false, at: '2025-03-01T10:00:00Z' },
  { speaker: 'caller', text: 'I need an apartment', offsetMs: 4000, interrupted: false, at: '2025-03-01T10:00:04Z' },
  { speaker: 'assistant', text: 'בשמחה', offsetMs: 8000, interrupted: true, at: '2025-03-01T10:00:08Z' },
]

beforeEach(() => {
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve())
})

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('TranscriptPlayer', () => {
  it('seeks the recording to a line and marks it as the one playing', () => {
    const { container } = render(<TranscriptPlayer turns={turns} recordingUrl="/api/v1/calls/x/recording" />)
    const audio = container.querySelector('audio')!
    const lines = screen.getAllByRole('button')
    expect(lines).toHaveLength(3)
    expect(lines.some((l) => l.getAttribute('aria-current'))).toBe(false)

    fireEvent.click(lines[1]!)

    expect(audio.currentTime).toBe(4)
    expect(HTMLMediaElement.prototype.play).toHaveBeenCalled()
    expect(lines[1]!.getAttribute('aria-current')).toBe('true')
    expect(lines[0]!.getAttribute('aria-current')).toBeNull()
  })

  it('follows the recording as it plays', () => {
    const { container } = render(<TranscriptPlayer turns={turns} recordingUrl="/r.wav" />)
    const audio = container.querySelector('audio')!
    fireEvent.play(audio)
    audio.currentTime = 9
    fireEvent.timeUpdate(audio)
    expect(screen.getAllByRole('button')[2]!.getAttribute('aria-current')).toBe('true')
  })

  it('keeps English lines in their own direction and the speakers on their own sides', () => {
    const { container } = render(<TranscriptPlayer turns={turns} recordingUrl="/r.wav" />)
    expect(screen.getByText('I need an apartment').getAttribute('dir')).toBe('auto')
    const sides = [...container.querySelectorAll('li')].map((li) => li.className.includes('justify-start'))
    expect(sides).toEqual([false, true, false])
  })

  it('says so when the turns have no places in the recording, and offers no seeking', () => {
    const flat = turns.map((t) => ({ ...t, offsetMs: 0 }))
    render(<TranscriptPlayer turns={flat} recordingUrl="/r.wav" />)
    expect(screen.getByText(/אין מיקום בהקלטה/)).toBeTruthy()
    expect(screen.queryAllByRole('button')).toHaveLength(0)
  })

  it('without a recording shows the transcript as text', () => {
    render(<TranscriptPlayer turns={turns} recordingUrl={null} />)
    expect(screen.getByText(/אין הקלטה לשיחה זו/)).toBeTruthy()
    expect(screen.queryAllByRole('button')).toHaveLength(0)
  })
})
