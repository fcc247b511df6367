import { useState } from 'react';
import type { ExportFormat, RegistryExportQuery } from '@slrt/core';
import { buildUrl } from '../../api/client.ts';
import { useLocale, useT } from '../../i18n/i18n.tsx';
import { AreaFilter } from './AreaFilter.tsx';

/**
 * The registry export of the caller's area (`registry.export`): the file in the import layout
 * (codes, imported again elsewhere) and the labelled file for people (`labels=1`, column names
 * and values in the app's language, which a plain link cannot send as a header).
 */
export function RegistryExport() {
  const t = useT('registry');
  const { locale } = useLocale();
  const [area, setArea] = useState('');
  const url = (format: ExportFormat, labels: boolean) =>
    buildUrl('/registry/export', { format, area: area || undefined, ...(labels ? { labels: '1', lang: locale } : {}) } satisfies RegistryExportQuery);
  return (
    <section aria-labelledby="registry-export-title" data-testid="registry-export">
      <h2 id="registry-export-title">{t('export.title')}</h2>
      <p>{t('export.lead')}</p>
      <AreaFilter idPrefix="registry-export-area" permission="registry.export" value={area} onChange={setArea} />
      <div className="actions">
        <a className="button button--small" href={url('csv', true)} download data-testid="registry-export-readable-csv">{t('export.readableCsv')}</a>
        <a className="button button--small" href={url('xlsx', true)} download>{t('export.readableXlsx')}</a>
        <a className="button button--small" href={url('csv', false)} download>{t('export.csv')}</a>
        <a className="button button--small" href={url('xlsx', false)} download>{t('export.xlsx')}</a>
      </div>
    </section>
  );
}
