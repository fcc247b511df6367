import { CASE_DOCUMENT_KINDS } from '@slrt/core';
import { scopedOwner } from '../documents/service.ts';
import { conflict } from '../http/errors.ts';
import { selectCaseInScope } from './queries.ts';
import { CASE_OWNER_TYPE, recordCaseEvent } from './service.ts';
import { touchCase } from './workflow-queries.ts';

/**
 * A case owns the documents attached at intake and later (KTP, KK, SKTM, medical letter,
 * photo of the house): readable by whoever reads the case, attached by case workers while
 * the case is open, each attachment a line in the timeline.
 */
export const CASE_DOCUMENTS = scopedOwner({
  type: CASE_OWNER_TYPE,
  kinds: CASE_DOCUMENT_KINDS,
  readPermission: 'cases.read',
  writePermission: 'cases.work',
  select: selectCaseInScope,
  async onChange(tx, ctx, c, change) {
    if (change.action === 'attached' && (c.status === 'resolved' || c.status === 'closed')) throw conflict('case.finished');
    await recordCaseEvent(tx, ctx, { id: c.id, kabCode: c.kab_code, villageCode: c.village_code }, {
      action: change.action === 'attached' ? 'document_attached' : 'document_removed',
      details: { documentId: change.document.id, kind: change.document.kind, fileName: change.document.fileName },
    });
    await touchCase(tx, c.id);
  },
});
