/**
 * The registry API's JSON, as the server's response schemas define it
 * (packages/server/src/registry/views.ts, imports/service.ts).
 */

type RegistryStatus = 'registered' | 'proposed' | 'not_registered' | 'inactive';

/** A person in a list: NIK and KK masked. */
export interface PersonSummary {
  id: string;
  nik: string | null;
  kk: string | null;
  fullName: string;
  birthDate: string | null;
  sex: 'M' | 'F';
  relationship: string | null;
  villageCode: string;
  villageName: string;
  kecamatanCode: string;
  kecamatanName: string;
  householdId: string;
  familyId: string | null;
  registryStatus: RegistryStatus;
  desil: number | null;
  desilSource: string | null;
  desilDate: string | null;
  score?: number;
}

export interface PersonView extends PersonSummary {
  birthPlace: string | null;
  maritalStatus: string | null;
  presence: string | null;
  documentsHeld: string[] | null;
  schoolParticipation: string | null;
  educationLevel: string | null;
  workStatus: string | null;
  workSector: string | null;
  pipKip: boolean | null;
  dukcapilMatch: string | null;
  inactiveReason: string | null;
  nikWarnings: string[];
  specificShown: boolean;
  pregnant?: boolean | null;
  disability?: Record<string, string> | null;
  chronicIllnesses?: string[] | null;
  healthInsurance?: string[] | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface LocalEstimate {
  estimate: number;
  label: 'local_estimate';
  modelId: string;
  modelVersion: number;
  score: number;
  knownIndicators: number;
  contributions: Array<{ indicator: string; value: string | number; points: number }>;
}

export interface FamilyView {
  id: string;
  kk: string | null;
  version: number;
  kkHistory: Array<{ kk: string; validFrom: string; validTo: string | null; reason: string | null; sourceType: string }>;
  members: PersonSummary[];
}

export interface HouseholdView {
  id: string;
  villageCode: string;
  villageName: string;
  kecamatanCode: string;
  kecamatanName: string;
  address: string | null;
  rt: string | null;
  rw: string | null;
  indicators: Record<string, unknown>;
  desil: number | null;
  desilSource: string | null;
  desilDate: string | null;
  localEstimate: LocalEstimate | null;
  families: FamilyView[];
  membersWithoutFamily: PersonSummary[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

type HistorySource = 'import' | 'proposal' | 'officer' | 'seed';

export interface HistoryItem {
  id: string;
  at: string;
  action: 'create' | 'update';
  actorName: string | null;
  reason: string | null;
  sourceType: HistorySource;
  sourceId: string | null;
  changes: Record<string, { old: unknown; new: unknown }>;
}

type ImportState = 'queued' | 'running' | 'done' | 'failed';

export interface ImportStatus {
  id: string;
  status: ImportState;
  fileName: string;
  rowsTotal: number | null;
  rowsDone: number;
  rowsOk: number;
  rowsRejected: number;
  errorReportUrl: string | null;
  error: string | null;
  createdByName: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface HeaderMapping {
  headers: Array<{ header: string; column: string | null; how: 'synonym' | 'mapping' | 'none' }>;
  missingRequired: string[];
  duplicates: string[];
  canonicalColumns: string[];
  requiredColumns: string[];
}

export const householdPath = (id: string) => `/registri/rumah-tangga/${encodeURIComponent(id)}`;
export const personPath = (id: string) => `/registri/orang/${encodeURIComponent(id)}`;
