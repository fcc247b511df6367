import type { DocumentView } from '@slrt/core';

/**
 * A record's attached files as cards: each opens in a new tab, its kind and name as the link,
 * and a line of `meta` (who uploaded it, when) below where the page gives one.
 */
export function DocumentCards({ documents, none, href, title, meta }: {
  documents: readonly DocumentView[];
  /** What stands in place of the list when there is no file. */
  none: string;
  href: (d: DocumentView) => string;
  title: (d: DocumentView) => string;
  meta?: (d: DocumentView) => string;
}) {
  if (documents.length === 0) return <p>{none}</p>;
  return (
    <ul className="cards">
      {documents.map((d) => (
        <li key={d.id} className="card" data-document-kind={d.kind}>
          <a href={href(d)} target="_blank" rel="noopener">
            {title(d)}
          </a>
          {meta && <p className="card__meta">{meta(d)}</p>}
        </li>
      ))}
    </ul>
  );
}
