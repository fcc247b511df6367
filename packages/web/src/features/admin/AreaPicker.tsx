import { useEffect, useRef, useState } from 'react';
import { areaLevel } from '@slrt/core';
import type { AreaLevel } from '@slrt/core';
import { areaChildren, areaDetail } from '../../api/areas.ts';
import type { AreaItem } from '../../api/areas.ts';
import { errorMessage } from '../../api/client.ts';
import { useT } from '../../i18n/i18n.tsx';
import { SelectField } from '../../ui/Field.tsx';

const LEVELS: readonly AreaLevel[] = ['province', 'kabupaten', 'kecamatan', 'village'];

/** Where a select's options come from: the children of an area, or a fixed set of areas (the admin's own). */
type Source = { parent: string | null } | { codes: readonly string[] };

function loadOptions(source: Source): Promise<AreaItem[]> {
  if ('parent' in source) return areaChildren(source.parent);
  return Promise.all(
    source.codes.map(async (code) => {
      const d = await areaDetail(code);
      return { code: d.code, name: d.name, level: d.level, parentCode: d.parents.at(-1)?.code ?? null };
    }),
  );
}

function useOptions(source: Source | null) {
  const key = source ? JSON.stringify(source) : null;
  const [state, setState] = useState<{ key: string | null; items: AreaItem[]; error: string | null }>({
    key: null,
    items: [],
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!key) return undefined;
    let live = true;
    loadOptions(JSON.parse(key) as Source).then(
      (items) => live && setState({ key, items, error: null }),
      (e: unknown) => live && setState({ key, items: [], error: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
  }, [key, attempt]);
  const ready = state.key === key;
  return { items: ready ? state.items : [], error: ready ? state.error : null, loading: !ready, retry: () => setAttempt((a) => a + 1) };
}

interface StepProps {
  id: string;
  level: AreaLevel;
  source: Source;
  value: string;
  onChange: (item: AreaItem | null) => void;
  error?: string;
}

function AreaStep({ id, level, source, value, onChange, error }: StepProps) {
  const t = useT('admin');
  const { items, error: loadError, loading, retry } = useOptions(source);
  return (
    <div>
      <SelectField
        id={id}
        label={t(`area.${level}`)}
        value={value}
        disabled={loading}
        error={error}
        onChange={(e) => onChange(items.find((i) => i.code === e.target.value) ?? null)}
      >
        <option value="">{loading ? t('app.loading') : t('area.choose')}</option>
        {items.map((item) => (
          <option key={item.code} value={item.code}>
            {item.name}
          </option>
        ))}
      </SelectField>
      {loadError && (
        <p className="field-error">
          {t('area.loadFailed')} {loadError}{' '}
          <button type="button" className="button button--small" onClick={retry}>
            {t('action.retry')}
          </button>
        </p>
      )}
    </div>
  );
}

export interface AreaPickerProps {
  /** Prefix of the selects' ids. */
  id: string;
  /** The level the chosen area must have. */
  level: AreaLevel;
  /** Where drilling starts: the administrator's own area codes (empty: the top-level areas). */
  roots: readonly string[];
  onChange: (code: string) => void;
  /** The API's message about this field, shown at the last select. */
  error?: string;
}

/**
 * Picks an area by drilling down from the administrator's scope, one native select per level
 * (kabupaten, kecamatan, desa/kelurahan): light on a cheap phone, no typing of codes. The
 * chosen village is shown with its kecamatan, since village names repeat within a kabupaten.
 */
export function AreaPicker({ id, level, roots, onChange, error }: AreaPickerProps) {
  const t = useT('admin');
  // The chosen area at each level below the root, in order.
  const [chain, setChain] = useState<AreaItem[]>([]);

  const single = roots.length === 1 ? roots[0] : undefined;
  const singleLevel = single ? areaLevel(single) : null;
  const [rootName, setRootName] = useState<string | null>(null);
  useEffect(() => {
    if (!single) return undefined;
    let live = true;
    areaDetail(single).then(
      (d) => live && setRootName(d.name),
      () => live && setRootName(single),
    );
    return () => {
      live = false;
    };
  }, [single]);

  const targetIndex = LEVELS.indexOf(level);
  // The first level to choose, and where its options come from.
  let firstIndex: number;
  let firstSource: Source;
  if (single && singleLevel) {
    firstIndex = LEVELS.indexOf(singleLevel) + 1;
    firstSource = { parent: single };
  } else if (roots.length > 1) {
    firstIndex = Math.max(0, LEVELS.indexOf(areaLevel(roots[0] ?? '') ?? 'province'));
    firstSource = { codes: roots };
  } else {
    firstIndex = 0;
    firstSource = { parent: null };
  }

  // The role's level is the root itself: nothing to choose.
  const isRoot = single !== undefined && singleLevel === level;
  // The latest callback, without re-running the effect when the parent passes a new one.
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    if (isRoot && single) onChangeRef.current(single);
  }, [isRoot, single]);

  if (isRoot) {
    return (
      <p className="chosen-area">
        {t('area.chosen', { name: `${rootName ?? single} (${single})` })}
        {error && <span className="field-error"> {error}</span>}
      </p>
    );
  }
  if (targetIndex < firstIndex) {
    return <p className="field-error">{t('area.aboveScope')}</p>;
  }

  function choose(depth: number, item: AreaItem | null) {
    const next = [...chain.slice(0, depth), ...(item ? [item] : [])];
    setChain(next);
    const last = next.at(-1);
    onChange(last && firstIndex + next.length - 1 === targetIndex ? last.code : '');
  }

  const steps = [];
  for (let index = firstIndex, depth = 0; index <= targetIndex; index++, depth++) {
    const parent = depth === 0 ? null : chain[depth - 1];
    if (depth > 0 && !parent) break;
    const stepLevel = LEVELS[index] ?? 'village';
    steps.push(
      <AreaStep
        key={`${stepLevel}:${parent?.code ?? 'root'}`}
        id={`${id}-${stepLevel}`}
        level={stepLevel}
        source={depth === 0 ? firstSource : { parent: parent?.code ?? null }}
        value={chain[depth]?.code ?? ''}
        onChange={(item) => choose(depth, item)}
        error={index === targetIndex ? error : undefined}
      />,
    );
  }

  const chosen = chain.length === targetIndex - firstIndex + 1 ? chain.at(-1) : undefined;
  const kecamatan = chain.find((a) => a.level === 'kecamatan');
  return (
    <div className="area-picker">
      {steps}
      {chosen && (
        <p className="chosen-area" data-area-code={chosen.code}>
          {t('area.chosen', {
            name:
              chosen.level === 'village' && kecamatan
                ? t('area.villageInKecamatan', { village: chosen.name, kecamatan: kecamatan.name })
                : chosen.name,
          })}{' '}
          ({chosen.code})
        </p>
      )}
    </div>
  );
}
