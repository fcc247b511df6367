import type { Queryable, Tx } from '../db/database.ts';
import type { Col, Cols } from '../db/rows.ts';

/** SQL of the training catalog, sessions, attendance and the competencies each position needs. */

export type TrainingRow = Cols<'trainings', 'id' | 'title' | 'organizer' | 'topic' | 'hours' | 'certificate'>;

export async function selectTrainings(q: Queryable, kabCode: string): Promise<TrainingRow[]> {
  const { rows } = await q.query<TrainingRow>('SELECT id, title, organizer, topic, hours, certificate FROM trainings WHERE kab_code = $1 ORDER BY title', [kabCode]);
  return rows;
}

export async function selectTraining(q: Queryable, kabCode: string, id: string): Promise<TrainingRow | null> {
  const { rows } = await q.query<TrainingRow>('SELECT id, title, organizer, topic, hours, certificate FROM trainings WHERE kab_code = $1 AND id = $2', [kabCode, id]);
  return rows[0] ?? null;
}

export async function insertTraining(tx: Tx, kabCode: string, r: TrainingRow): Promise<void> {
  await tx.query(
    'INSERT INTO trainings (id, kab_code, title, organizer, topic, hours, certificate) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [r.id, kabCode, r.title, r.organizer, r.topic, r.hours, r.certificate],
  );
}

export async function selectCompetencies(q: Queryable, kabCode: string): Promise<Array<Cols<'position_competencies', 'position' | 'training_id'>>> {
  const { rows } = await q.query<Cols<'position_competencies', 'position' | 'training_id'>>('SELECT position, training_id FROM position_competencies WHERE kab_code = $1', [kabCode]);
  return rows;
}

export async function replaceCompetencies(tx: Tx, kabCode: string, position: string, trainingIds: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM position_competencies WHERE kab_code = $1 AND position = $2', [kabCode, position]);
  if (trainingIds.length) {
    await tx.query(
      'INSERT INTO position_competencies (kab_code, position, training_id) SELECT $1, $2, unnest($3::uuid[])',
      [kabCode, position, trainingIds],
    );
  }
}

export type SessionRow = Cols<'training_sessions', 'id' | 'training_id' | 'starts_on' | 'place' | 'area_code'>
  & { training_title: Col<'trainings', 'title'>; attendees: number; attendee_ids: Col<'training_attendance', 'officer_id'>[] };

const SESSION_SELECT = `SELECT s.id, s.training_id, t.title AS training_title, s.starts_on::text AS starts_on, s.place, s.area_code,
  (SELECT count(*)::int FROM training_attendance a WHERE a.session_id = s.id) AS attendees,
  coalesce((SELECT array_agg(a.officer_id::text ORDER BY a.officer_id) FROM training_attendance a WHERE a.session_id = s.id), '{}'::text[]) AS attendee_ids
  FROM training_sessions s JOIN trainings t ON t.id = s.training_id`;

export async function insertSession(tx: Tx, kabCode: string, r: { id: string; training_id: string; starts_on: string; place: string; area_code: string; created_by: string }): Promise<void> {
  await tx.query(
    'INSERT INTO training_sessions (id, kab_code, training_id, starts_on, place, area_code, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [r.id, kabCode, r.training_id, r.starts_on, r.place, r.area_code, r.created_by],
  );
}

export async function selectSessions(q: Queryable, kabCode: string): Promise<SessionRow[]> {
  const { rows } = await q.query<SessionRow>(`${SESSION_SELECT} WHERE s.kab_code = $1 ORDER BY s.starts_on DESC, s.id DESC`, [kabCode]);
  return rows;
}

export async function selectSession(q: Queryable, kabCode: string, id: string): Promise<SessionRow | null> {
  const { rows } = await q.query<SessionRow>(`${SESSION_SELECT} WHERE s.kab_code = $1 AND s.id = $2`, [kabCode, id]);
  return rows[0] ?? null;
}

/** Officers among `ids` of the kabupaten (others are refused by the caller). */
export async function officersOfKab(q: Queryable, kabCode: string, ids: readonly string[]): Promise<string[]> {
  const { rows } = await q.query<Cols<'puskesos_officers', 'id'>>('SELECT id FROM puskesos_officers WHERE kab_code = $1 AND id = ANY($2::uuid[])', [kabCode, ids]);
  return rows.map((r) => r.id);
}

export async function replaceAttendance(tx: Tx, kabCode: string, sessionId: string, officerIds: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM training_attendance WHERE session_id = $1', [sessionId]);
  if (officerIds.length) {
    await tx.query('INSERT INTO training_attendance (session_id, officer_id, kab_code) SELECT $1, unnest($2::uuid[]), $3', [sessionId, officerIds, kabCode]);
  }
}

/** The trainings each officer attended (any session). */
export async function attendedBy(q: Queryable, officerIds: readonly string[]): Promise<Array<Cols<'training_attendance', 'officer_id'> & Cols<'training_sessions', 'training_id'>>> {
  const { rows } = await q.query<Cols<'training_attendance', 'officer_id'> & Cols<'training_sessions', 'training_id'>>(
    `SELECT DISTINCT a.officer_id, s.training_id FROM training_attendance a JOIN training_sessions s ON s.id = a.session_id WHERE a.officer_id = ANY($1::uuid[])`,
    [officerIds],
  );
  return rows;
}
