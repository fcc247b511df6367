import { codesOf } from '@slrt/core';

/**
 * The canonical import file (shared/domain/registry.md): one row per person, household and
 * family columns repeated. Headers are matched case-insensitively, ignoring spaces and
 * punctuation, against each column's synonyms (common DTKS/P3KE/Regsosek headers); the rest
 * goes through the mapping screen.
 */

const DISABILITY_DOMAINS = codesOf('disability_domain');

export const CANONICAL_COLUMNS = [
  'nik', 'kk', 'full_name', 'sex', 'birth_place', 'birth_date', 'relationship', 'marital_status',
  'village_code', 'village_code_bps', 'address', 'rt', 'rw', 'household_ref', 'desil', 'desil_source', 'desil_date',
  // person indicators
  'presence', 'pregnant', 'documents_held', 'school_participation', 'education_level', 'work_status', 'work_sector',
  ...DISABILITY_DOMAINS.map((d) => `disability_${d}`), 'chronic_illness', 'health_insurance', 'pip_kip', 'dukcapil_match',
  // household indicators
  'tenure', 'land_evidence', 'floor_area_m2', 'floor', 'wall', 'roof', 'water', 'lighting', 'power_va', 'cooking_fuel',
  'toilet', 'disposal', 'programs_received', 'assets', 'owns_land', 'owns_other_house',
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** Columns a file must have (after mapping). */
export const REQUIRED_COLUMNS: readonly CanonicalColumn[] = ['nik', 'full_name', 'sex', 'village_code'];

/** Other headers for a column, beside its own name (which always matches). */
const SYNONYMS: Partial<Record<CanonicalColumn, readonly string[]>> = {
  nik: ['no_nik', 'nomor_nik', 'nik_art', 'nomor_induk_kependudukan'],
  kk: ['nokk', 'no_kk', 'nomor_kk', 'no_kartu_keluarga', 'nomor_kartu_keluarga', 'nkk'],
  full_name: ['nama', 'nama_lengkap', 'nama_art', 'nama_anggota'],
  sex: ['jns_kel', 'jenis_kelamin', 'jk', 'kelamin', 'gender'],
  birth_place: ['tmp_lahir', 'tempat_lahir', 'tmpt_lahir'],
  birth_date: ['tgl_lahir', 'tanggal_lahir', 'tgllahir'],
  relationship: ['hub_keluarga', 'hubungan_keluarga', 'hub_krt', 'hubungan_dengan_kepala_keluarga', 'shdk', 'hubungan', 'hub_kk'],
  marital_status: ['status_kawin', 'sts_kawin', 'status_perkawinan', 'stat_kawin'],
  village_code: ['kode_desa', 'kode_kemdagri', 'kode_kemendagri', 'kode_wilayah', 'kd_desa', 'kode_kelurahan', 'kode_desa_kelurahan'],
  village_code_bps: ['kode_desa_bps', 'kode_bps', 'kd_desa_bps'],
  address: ['alamat', 'alamat_lengkap'],
  rt: ['no_rt'],
  rw: ['no_rw'],
  household_ref: ['id_rumah_tangga', 'idrt', 'id_ruta', 'kode_ruta', 'no_urut_ruta'],
  desil: ['desil_kesejahteraan', 'desil_nasional', 'peringkat_desil'],
  desil_source: ['sumber_desil', 'sumber_data'],
  desil_date: ['tanggal_desil', 'tgl_desil', 'periode_desil'],
  presence: ['status_keberadaan', 'keberadaan'],
  pregnant: ['hamil', 'sedang_hamil', 'status_hamil'],
  documents_held: ['dokumen', 'kepemilikan_dokumen'],
  school_participation: ['partisipasi_sekolah'],
  education_level: ['pendidikan', 'pendidikan_tertinggi', 'jenjang_pendidikan'],
  work_status: ['status_pekerjaan', 'status_bekerja'],
  work_sector: ['lapangan_usaha', 'sektor_pekerjaan'],
  chronic_illness: ['chronic_illnesses', 'penyakit_kronis', 'penyakit_menahun'],
  health_insurance: ['jaminan_kesehatan', 'jamkes'],
  pip_kip: ['pip', 'kip'],
  dukcapil_match: ['padan_dukcapil', 'status_padan'],
  tenure: ['status_kepemilikan_rumah', 'sta_bangunan', 'status_bangunan'],
  land_evidence: ['bukti_kepemilikan_tanah', 'sta_lahan'],
  floor_area_m2: ['floor_area', 'luas_lantai', 'luas_lantai_m2'],
  floor: ['lantai', 'jenis_lantai'],
  wall: ['dinding', 'jenis_dinding'],
  roof: ['atap', 'jenis_atap'],
  water: ['sumber_air_minum', 'sumber_airminum', 'air_minum'],
  lighting: ['sumber_penerangan', 'penerangan'],
  power_va: ['daya', 'daya_listrik', 'daya_terpasang'],
  cooking_fuel: ['bahan_bakar_memasak', 'bb_masak', 'bahan_bakar'],
  toilet: ['fasilitas_bab', 'kepemilikan_jamban', 'jamban'],
  disposal: ['pembuangan_akhir_tinja', 'pembuangan_tinja'],
  programs_received: ['program_diterima', 'bantuan_diterima'],
  assets: ['aset', 'kepemilikan_aset'],
  owns_land: ['memiliki_lahan', 'punya_lahan'],
  owns_other_house: ['memiliki_rumah_lain', 'rumah_lain'],
};

/** `Tgl. Lahir` -> `tgl_lahir`. */
function normalizeHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

const BY_SYNONYM = new Map<string, CanonicalColumn>();
for (const column of CANONICAL_COLUMNS) {
  BY_SYNONYM.set(column, column);
  for (const s of SYNONYMS[column] ?? []) BY_SYNONYM.set(normalizeHeader(s), column);
}

export function isCanonicalColumn(name: string): name is CanonicalColumn {
  return (CANONICAL_COLUMNS as readonly string[]).includes(name);
}

export interface HeaderMapping {
  /** Per file column, in order: the canonical column it feeds, or null (ignored). */
  columns: Array<CanonicalColumn | null>;
  /** What the preview/mapping screen shows. */
  headers: Array<{ header: string; column: CanonicalColumn | null; how: 'synonym' | 'mapping' | 'none' }>;
  missingRequired: CanonicalColumn[];
  /** Canonical columns fed by more than one file column (the later ones are ignored). */
  duplicates: CanonicalColumn[];
}

/**
 * Maps a file's header row: the explicit mapping first (header -> canonical name, or "" to
 * ignore), then the synonyms. A canonical column is fed by one file column only.
 */
export function mapHeaders(header: readonly string[], mapping: Readonly<Record<string, string>> = {}): HeaderMapping {
  const explicit = new Map(Object.entries(mapping).map(([h, c]) => [normalizeHeader(h), c]));
  const used = new Set<CanonicalColumn>();
  const duplicates = new Set<CanonicalColumn>();
  const headers: HeaderMapping['headers'] = [];
  const columns: HeaderMapping['columns'] = [];
  for (const h of header) {
    const key = normalizeHeader(h);
    const chosen = explicit.get(key);
    let column: CanonicalColumn | null = null;
    let how: 'synonym' | 'mapping' | 'none' = 'none';
    if (chosen !== undefined) {
      if (isCanonicalColumn(chosen)) {
        column = chosen;
        how = 'mapping';
      }
    } else {
      const found = BY_SYNONYM.get(key);
      if (found) {
        column = found;
        how = 'synonym';
      }
    }
    if (column && used.has(column)) {
      duplicates.add(column);
      column = null;
      how = 'none';
    }
    if (column) used.add(column);
    headers.push({ header: h, column, how });
    columns.push(column);
  }
  // A BPS village code stands in for the Kemendagri one.
  const missingRequired = REQUIRED_COLUMNS.filter((c) => !used.has(c) && !(c === 'village_code' && used.has('village_code_bps')));
  return { columns, headers, missingRequired, duplicates: [...duplicates] };
}
