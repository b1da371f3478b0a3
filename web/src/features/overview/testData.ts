/** An answer of `GET /api/v1/overview` for tests: a business with calls, leads and an appointment; `change` edits it. */
export function overviewAnswer(change: (o: Record<string, any>) => void = () => {}) {
  const answer: Record<string, any> = {
    timeZone: 'Asia/Jerusalem',
    today: '2027-03-15',
    hasPhoneNumber: true,
    isEmpty: false,
    calls: {
      today: 2,
      total: 5,
      active: 1,
      latest: [
        {
          id: 'c1', direction: 'inbound', status: 'in_progress', from: '+972501234567', to: '+97231234567', leadId: 'l1',
          leadName: 'דנה כהן', startedAt: '2027-03-15T08:10:00Z', durationSeconds: null, isLive: true,
        },
      ],
    },
    leads: { today: 1, thisWeek: 3, total: 7 },
    appointments: {
      count: 1,
      upcoming: [{ id: 'a1', leadId: 'l1', leadName: 'דנה כהן', leadPhone: '+972501234567', start: '2027-03-16T08:00:00Z', end: '2027-03-16T08:30:00Z', title: null }],
    },
    callsPerDay: Array.from({ length: 14 }, (_, i) => ({ date: `2027-03-${String(2 + i).padStart(2, '0')}`, count: i === 13 ? 2 : i % 3 })),
    funnel: [
      { status: 'new', label: 'חדש', color: '#2563eb', count: 4 },
      { status: 'won', label: 'נסגר', color: '#16a34a', count: 3 },
    ],
  }
  change(answer)
  return answer
}
