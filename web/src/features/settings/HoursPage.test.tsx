// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../lib/api'

const day = [{ open: '09:00', close: '18:00' }]
const view = {
  tenantId: 't',
  version: 4,
  updatedAt: '2026-01-01T00:00:00Z',
  settings: {
    greeting: 'שלום',
    businessHours: { sunday: day, monday: day, tuesday: day, wednesday: day, thursday: day, friday: [], saturday: [] },
    appointments: { slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 60, bookingWindowDays: 30, workingHours: null, dateOverrides: [] },
    leadStatuses: [],
  },
}
const client = { get: vi.fn(), put: vi.fn() }

vi.mock('../auth/AuthProvider', () => ({
  useAuth: () => ({ client, session: { kind: 'signed-in', user: { id: 'me' }, timeZone: 'Asia/Jerusalem' } }),
}))

const { default: HoursPage } = await import('./HoursPage')

beforeEach(() => {
  client.get.mockResolvedValue(structuredClone(view))
})
afterEach(() => {
  cleanup()
  vi.clearAllMocks()
})

describe('HoursPage', { timeout: 20_000 }, () => {
  it('saves separate appointment hours for a weekday and a closed date with the version it read', async () => {
    client.put.mockResolvedValue({})
    render(<HoursPage />)
    fireEvent.click(await screen.findByRole('radio', { name: 'שעות נפרדות לפגישות' }))
    fireEvent.change(screen.getByLabelText('שעת פתיחה ביום שלישי (פגישות)'), { target: { value: '10:00' } })
    fireEvent.change(screen.getByLabelText('שעת סגירה ביום שלישי (פגישות)'), { target: { value: '12:00' } })
    fireEvent.click(screen.getByRole('button', { name: 'הוספת תאריך' }))
    fireEvent.change(screen.getByLabelText('תאריך (יום/חודש/שנה)'), { target: { value: '22/09/2026' } })
    expect(screen.getByText('יום שלישי')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'שמירה' }))
    await waitFor(() => expect(client.put).toHaveBeenCalledTimes(1))
    const [path, { body }] = client.put.mock.calls[0]!
    expect(path).toBe('/api/v1/business/settings')
    expect(body.expectedVersion).toBe(4)
    expect(body.settings.greeting).toBe('שלום')
    expect(body.settings.businessHours.tuesday).toEqual(day)
    expect(body.settings.appointments.workingHours.tuesday).toEqual([{ open: '10:00', close: '12:00' }])
    expect(body.settings.appointments.workingHours.sunday).toEqual(day)
    expect(body.settings.appointments.dateOverrides).toEqual([{ date: '2026-09-22', ranges: [], note: null }])
  })

  it('refuses a closing time before the opening one without asking the Api, on its field', async () => {
    render(<HoursPage />)
    const close = await screen.findByLabelText('שעת סגירה ביום ראשון')
    fireEvent.change(close, { target: { value: '08:00' } })
    fireEvent.click(screen.getByRole('button', { name: 'שמירה' }))
    expect(await screen.findByText('שעת הסגירה חייבת להיות אחרי שעת הפתיחה')).toBeTruthy()
    expect(close.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('alert').textContent).toContain('יש שדות שצריך לתקן')
    expect(client.put).not.toHaveBeenCalled()
  })

  it('shows the Api field errors on their fields and keeps what was typed', async () => {
    client.put.mockRejectedValue(
      new ApiError(400, 'הבקשה אינה תקינה', null, {
        'Settings.BusinessHours.Monday[0].Open': ['שעת הפתיחה חייבת להיות בפורמט HH:mm (00:00–23:59).'],
        'Settings.Appointments.DateOverrides[0].Date': ['התאריך חייב להיות תאריך קיים בפורמט yyyy-MM-dd.'],
        'Settings.Appointments.SlotMinutes': ['אורך פגישה חייב להיות בין 5 ל-240 דקות.'],
      }),
    )
    render(<HoursPage />)
    fireEvent.click(await screen.findByRole('button', { name: 'הוספת תאריך' }))
    fireEvent.change(screen.getByLabelText('תאריך (יום/חודש/שנה)'), { target: { value: '01/10/2026' } })
    fireEvent.change(screen.getByLabelText('אורך פגישה (דקות)'), { target: { value: '45' } })
    fireEvent.click(screen.getByRole('button', { name: 'שמירה' }))
    expect(await screen.findByText('הבקשה אינה תקינה')).toBeTruthy()
    expect(screen.getByText('שעת הפתיחה חייבת להיות בפורמט HH:mm (00:00–23:59).')).toBeTruthy()
    expect(screen.getByLabelText('שעת פתיחה ביום שני').getAttribute('aria-invalid')).toBe('true')
    const date = screen.getByLabelText('תאריך (יום/חודש/שנה)') as HTMLInputElement
    expect(date.value).toBe('01/10/2026')
    expect(date.getAttribute('aria-invalid')).toBe('true')
    const slot = screen.getByLabelText('אורך פגישה (דקות)') as HTMLInputElement
    expect(slot.value).toBe('45')
    expect(document.getElementById(slot.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe('אורך פגישה חייב להיות בין 5 ל-240 דקות.')
  })
})
