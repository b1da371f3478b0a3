// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { lineDiff } from './diff'
import { DiffView, SaveFeedback } from './ui'

afterEach(cleanup)

describe('DiffView', () => {
  it('shows every line with a + or − mark and a spoken label, not colour alone', () => {
    render(<DiffView lines={lineDiff('שלום\nישן', 'שלום\nחדש')} label="הבדלים" />)
    const items = screen.getByRole('list', { name: 'הבדלים' }).querySelectorAll('li')
    expect([...items].map((li) => li.dataset.diff)).toEqual(['unchanged', 'removed', 'added'])
    expect(items[1]?.textContent).toContain('−')
    expect(items[1]?.textContent).toContain('הוסר')
    expect(items[2]?.textContent).toContain('+')
    expect(items[2]?.textContent).toContain('נוסף')
  })
})

describe('SaveFeedback', () => {
  it('announces a failure as an alert and a success as a status', () => {
    const { rerender } = render(<SaveFeedback error="השמירה נכשלה" saved={null} />)
    expect(screen.getByRole('alert').textContent).toBe('השמירה נכשלה')
    rerender(<SaveFeedback error={null} saved="נשמר" />)
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByRole('status').textContent).toContain('נשמר')
  })
})
