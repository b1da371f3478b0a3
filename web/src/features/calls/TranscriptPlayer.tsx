import { useEffect, useRef, useState } from 'react'
import { messages } from '../../messages'
import { activeTurnIndex, formatOffset, turnsHaveOffsets } from './callLogic'
import type { TranscriptTurn } from './types'

const t = messages.calls

/**
 * The recording's player and the transcript as a chat, kept in step: a line (a button) seeks the recording to where it
 * was said and plays; the line being heard is highlighted (aria-current) and scrolled into view. Without a recording, or
 * without places in it, the lines are plain text and the page says why.
 */
export function TranscriptPlayer({ turns, recordingUrl }: { turns: TranscriptTurn[]; recordingUrl: string | null }) {
  const audio = useRef<HTMLAudioElement>(null)
  const list = useRef<HTMLOListElement>(null)
  const [currentMs, setCurrentMs] = useState(0)
  const [started, setStarted] = useState(false)
  const seekable = recordingUrl !== null && turnsHaveOffsets(turns)
  const active = seekable && started ? activeTurnIndex(turns, currentMs) : -1

  useEffect(() => {
    if (active < 0 || !list.current) return
    const line = list.current.querySelector<HTMLElement>(`[data-turn="${active}"]`)
    line?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' })
  }, [active])

  const playFrom = (turn: TranscriptTurn) => {
    const player = audio.current
    if (!player) return
    player.currentTime = turn.offsetMs / 1000
    setCurrentMs(turn.offsetMs)
    setStarted(true)
    void player.play().catch(() => {})
  }

  return (
    <div className="space-y-3">
      <section aria-labelledby="recording-heading" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="recording-heading" className="mb-2 text-lg font-semibold">
          {t.recording}
        </h2>
        {recordingUrl ? (
          <audio
            ref={audio}
            controls
            preload="metadata"
            src={recordingUrl}
            aria-label={t.recordingPlayer}
            className="w-full"
            onPlay={() => setStarted(true)}
            onTimeUpdate={(e) => setCurrentMs(Math.round(e.currentTarget.currentTime * 1000))}
            onSeeked={(e) => setCurrentMs(Math.round(e.currentTarget.currentTime * 1000))}
          />
        ) : (
          <p className="text-slate-600">{t.noRecording}</p>
        )}
      </section>
      <section aria-labelledby="transcript-heading" className="rounded-xl border border-slate-200 bg-white p-4">
        <h2 id="transcript-heading" className="text-lg font-semibold">
          {t.transcript}
        </h2>
        {turns.length === 0 ? (
          <p className="mt-2 text-slate-600">{t.transcriptEmpty}</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">
              {recordingUrl && !turnsHaveOffsets(turns) ? t.transcriptNoOffsets : seekable ? t.transcriptHint : null}
            </p>
            <ol ref={list} className="mt-3 max-h-[28rem] space-y-2 overflow-y-auto pe-1" data-testid="transcript">
              {turns.map((turn, index) => (
                <TurnLine
                  key={index}
                  index={index}
                  turn={turn}
                  current={index === active}
                  onPlay={seekable ? () => playFrom(turn) : undefined}
                />
              ))}
            </ol>
          </>
        )}
      </section>
    </div>
  )
}

function TurnLine({ turn, index, current, onPlay }: { turn: TranscriptTurn; index: number; current: boolean; onPlay?: () => void }) {
  const caller = turn.speaker === 'caller'
  const speaker = caller ? t.caller : t.assistant
  const bubble = `max-w-[85%] rounded-2xl px-3 py-2 text-start ${
    caller ? 'rounded-ss-sm bg-slate-100 text-slate-900' : 'rounded-se-sm bg-blue-50 text-slate-900'
  } ${current ? 'ring-2 ring-blue-600' : ''}`
  const body = (
    <>
      <span className="mb-0.5 flex items-center gap-2 text-xs text-slate-600">
        <span className="font-semibold">{speaker}</span>
        {onPlay && <span className="tabular-nums" dir="ltr">{formatOffset(turn.offsetMs)}</span>}
        {turn.interrupted && <span className="text-amber-800">{t.interrupted}</span>}
      </span>
      <span dir="auto" className="block whitespace-pre-wrap">
        {turn.text}
      </span>
    </>
  )
  return (
    <li data-turn={index} data-speaker={turn.speaker} className={`flex ${caller ? 'justify-start' : 'justify-end'}`}>
      {onPlay ? (
        <button
          type="button"
          onClick={onPlay}
          aria-current={current ? 'true' : undefined}
          aria-label={t.playFrom(speaker, formatOffset(turn.offsetMs)) + ': ' + turn.text}
          className={`${bubble} cursor-pointer hover:brightness-95 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700`}
        >
          {body}
        </button>
      ) : (
        <div className={bubble}>{body}</div>
      )}
    </li>
  )
}
