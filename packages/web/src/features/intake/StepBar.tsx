/**
 * The intake's steps, all of them on a 360 px screen: a numbered dot per step (done, current,
 * to come), and the current step's label written out beneath ("Langkah 2 dari 5: Layanan").
 * Each dot carries its step's name for screen readers.
 */
export function StepBar({ steps, current, label, currentText }: { steps: readonly string[]; current: number; label: string; currentText: string }) {
  return (
    <div className="steps">
      <ol className="steps__list" aria-label={label}>
        {steps.map((name, i) => (
          <li key={name} className={i < current ? 'steps__step steps__step--done' : 'steps__step'} aria-current={i === current ? 'step' : undefined}>
            <span className="steps__number" aria-hidden="true">
              {i + 1}
            </span>
            {/* read by screen readers; on screen only the current one, written out below */}
            <span className="visually-hidden">{name}</span>
          </li>
        ))}
      </ol>
      <p className="steps__current" aria-hidden="true">
        {currentText}
      </p>
    </div>
  );
}
