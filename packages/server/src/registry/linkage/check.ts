import { compareRecords, explain, linkageRecordOf, type Contribution, type LikelyMatch, type LinkageModel } from '@slrt/core';
import type { Queryable } from '../../db/database.ts';
import { modelOf, toLinkagePerson } from './pair-view.ts';
import { selectCheckCandidates, selectLatestModelRunId, selectRunModel, type LinkagePersonRow } from './queries.ts';

export interface CheckInput {
  nik: string | null;
  fullName: string;
  birthDate: string | null;
  sex: 'M' | 'F';
  villageCode: string;
  kk: string | null;
}

/** The NIKs one digit or one swap of adjacent digits away (a NIK typed wrong either time). */
function nikNeighbours(nik: string): string[] {
  const out = [nik];
  for (let i = 0; i < nik.length; i++) {
    for (let d = 0; d <= 9; d++) {
      const c = String(d);
      if (c !== nik[i]) out.push(nik.slice(0, i) + c + nik.slice(i + 1));
    }
    if (i < nik.length - 1 && nik[i] !== nik[i + 1]) out.push(nik.slice(0, i) + nik[i + 1] + nik[i] + nik.slice(i + 2));
  }
  return out;
}

/** The birth dates a duplicate may carry: the same, day and month swapped, a year either side. */
function birthDateVariants(d: string): string[] {
  const y = Number(d.slice(0, 4)), m = d.slice(5, 7), day = d.slice(8, 10);
  const out = [d, `${y - 1}-${m}-${day}`, `${y + 1}-${m}-${day}`];
  if (Number(day) <= 12 && day !== m) out.push(`${y}-${day}-${m}`);
  // 29 February one year either side does not exist: leave those out
  return out.filter((x) => !Number.isNaN(Date.parse(`${x}T00:00:00Z`)) && new Date(`${x}T00:00:00Z`).toISOString().slice(0, 10) === x);
}

export interface ScoredCandidate {
  row: LinkagePersonRow;
  probability: number;
  matchWeight: number;
  levels: number[];
  /** Which comparisons agreed and what each weighed (the exact name at its frequency). */
  explanation: Contribution[];
}

/**
 * Models by the run that learned them: a run's model never changes, and parsing it (with its
 * name frequencies) at every check would cost more than the check. A few runs are kept.
 */
const models = new Map<string, LinkageModel>();

async function latestModel(q: Queryable, kabCode: string): Promise<LinkageModel> {
  const runId = await selectLatestModelRunId(q, kabCode);
  if (!runId) return modelOf(null);
  let model = models.get(runId);
  if (!model) {
    model = modelOf(await selectRunModel(q, runId));
    if (models.size >= 8) models.clear();
    models.set(runId, model);
  }
  return model;
}

/**
 * A new or changed person against the kabupaten's registry: candidates by index lookups
 * (birth dates a duplicate may carry, NIKs one typo away, the same KK), scored with the model
 * of the last run (or the starting model), those at or above its threshold, best first.
 */
export async function scoreAgainstRegistry(q: Queryable, kabCode: string, person: CheckInput, exceptId: string | null = null): Promise<{ model: LinkageModel; candidates: ScoredCandidate[] }> {
  const model = await latestModel(q, kabCode);
  const niks = person.nik ? nikNeighbours(person.nik) : [];
  const dates = person.birthDate ? birthDateVariants(person.birthDate) : [];
  if (!niks.length && !dates.length && !person.kk) return { model, candidates: [] };
  const rows = (await selectCheckCandidates(q, kabCode, dates, niks, person.kk)).filter((r) => r.id !== exceptId);
  const record = linkageRecordOf(person);
  const out: ScoredCandidate[] = [];
  for (const row of rows) {
    const other = linkageRecordOf({ nik: row.nik, fullName: row.full_name, birthDate: row.birth_date, sex: row.sex, villageCode: row.village_code, kk: row.kk });
    const levels = Array.from(compareRecords(record, other));
    const e = explain(model, levels, [record.name.sorted, other.name.sorted]);
    if (e.probability >= model.threshold) out.push({ row, probability: e.probability, matchWeight: e.matchWeight, levels, explanation: e.contributions });
  }
  return { model, candidates: out.sort((a, b) => b.probability - a.probability) };
}

export function toLikelyMatch(c: ScoredCandidate): LikelyMatch {
  return { person: toLinkagePerson(c.row), score: c.probability, explanation: c.explanation };
}
