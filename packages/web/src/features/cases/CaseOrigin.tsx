import { useT } from '../../i18n/i18n.tsx';
import type { CaseView } from './case-api.ts';
import { useCodeLabel } from './labels.ts';

/**
 * The lines of a case's summary that its page and its receipt both show (inside their `<dl>`):
 * the village, how the case came in, and why it is fast-tracked. `fastTrackTerm` heads that
 * last line (the receipt says "Jalur cepat", the page "Alasan jalur cepat").
 */
export function CaseOrigin({ c, fastTrackTerm }: { c: CaseView; fastTrackTerm: 'case.fastTrack' | 'case.fastTrackReasons' }) {
  const t = useT('cases');
  const label = useCodeLabel();
  return (
    <>
      <dt>{t('case.village')}</dt>
      <dd>
        {c.villageName}, {c.kecamatanName}
      </dd>
      <dt>{t('case.channel')}</dt>
      <dd>
        {label('channel', c.channel)} · {label('kind', c.kind)}
      </dd>
      {c.fastTrack && (
        <>
          <dt>{t(fastTrackTerm)}</dt>
          <dd>{c.fastTrackReasons.map((r) => label('fast_track_reason', r)).join(', ')}</dd>
        </>
      )}
    </>
  );
}
