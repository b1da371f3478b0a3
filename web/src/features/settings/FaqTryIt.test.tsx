// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../lib/api'

const client = { post: vi.fn() }
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ client }) }))

const { FaqTryIt, scorePercent } = await import('./FaqTryIt')

afterEach(() => {
  cleanup()
  vi.clearAllMocks()
})

const parking = { entryId: 'e1', question: 'יש חניה?', answer: 'כן, בחניון הבניין.', score: 0.85, step: 'keyword', matchedOn: 'חניה' }

describe('FaqTryIt', { timeout: 20_000 }, () => {
  it('asks the Api on the chosen channel and shows which entry answers and how', async () => {
    client.post.mockResolvedValue({ outcome: 'matched', match: parking, candidates: [parking] })
    const onShowEntry = vi.fn()
    render(<FaqTryIt onShowEntry={onShowEntry} />)
    fireEvent.change(screen.getByLabelText('השאלה לבדיקה'), { target: { value: '  איפה החניה שלכם  ' } })
    fireEvent.change(screen.getByLabelText('ערוץ'), { target: { value: 'whatsapp' } })
    fireEvent.click(screen.getByRole('button', { name: 'בדיקה' }))
    await waitFor(() =>
      expect(client.post).toHaveBeenCalledWith('/api/v1/faq/match', { body: { text: 'איפה החניה שלכם', channel: 'whatsapp' } }),
    )
    const result = await screen.findByTestId('faq-try-result')
    await waitFor(() => expect(result.textContent).toContain('נמצאה תשובה'))
    expect(result.textContent).toContain('יש חניה?')
    expect(result.textContent).toContain('כן, בחניון הבניין.')
    expect(result.textContent).toContain('לפי מילת המפתח "חניה"')
    expect(result.textContent).toContain('התאמה 85%')
    fireEvent.click(screen.getByRole('button', { name: 'הצגת השאלה ברשימה' }))
    expect(onShowEntry).toHaveBeenCalledWith('e1')
  })

  it('says when no entry answers, and why, with the closest ones', async () => {
    client.post.mockResolvedValue({ outcome: 'ambiguous', match: null, candidates: [parking, { ...parking, entryId: 'e2', question: 'כמה עולה חניה?' }] })
    render(<FaqTryIt />)
    fireEvent.change(screen.getByLabelText('השאלה לבדיקה'), { target: { value: 'חניה מחיר' } })
    fireEvent.click(screen.getByRole('button', { name: 'בדיקה' }))
    const result = await screen.findByTestId('faq-try-result')
    await waitFor(() => expect(result.textContent).toContain('יותר משאלה אחת מתאימה'))
    expect(result.textContent).toContain('כמה עולה חניה?')
    expect(result.querySelector('[data-outcome="ambiguous"]')).toBeTruthy()
  })

  it('needs a question before asking, and shows the Api message on its field when it refuses', async () => {
    render(<FaqTryIt />)
    fireEvent.click(screen.getByRole('button', { name: 'בדיקה' }))
    expect(await screen.findByText('יש לכתוב שאלה לבדיקה')).toBeTruthy()
    expect(client.post).not.toHaveBeenCalled()

    client.post.mockRejectedValue(new ApiError(400, 'הבקשה אינה תקינה', null, { Text: ['השאלה ארוכה מדי'] }))
    fireEvent.change(screen.getByLabelText('השאלה לבדיקה'), { target: { value: 'שאלה' } })
    fireEvent.click(screen.getByRole('button', { name: 'בדיקה' }))
    expect((await screen.findByRole('alert')).textContent).toBe('הבקשה אינה תקינה')
    expect(screen.getByText('השאלה ארוכה מדי')).toBeTruthy()
    expect((screen.getByLabelText('השאלה לבדיקה') as HTMLTextAreaElement).value).toBe('שאלה')
  })

  it('shows scores as whole percentages', () => {
    expect(scorePercent(1)).toBe('100%')
    expect(scorePercent(0.666)).toBe('67%')
  })
})
