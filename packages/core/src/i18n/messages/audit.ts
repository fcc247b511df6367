import { defineCatalog } from '../catalog.ts';

/**
 * The audit trail's export (column names) and the roles' names (`role.<role>`), as the
 * auditor and the export show them. The action labels: audit-actions.ts.
 */
export const auditMessages = defineCatalog({
  id: {
    'audit.csv.seq': 'No. urut',
    'audit.csv.at': 'Waktu',
    'audit.csv.actor': 'Pengguna',
    'audit.csv.roles': 'Peran',
    'audit.csv.action': 'Kode kegiatan',
    'audit.csv.actionLabel': 'Kegiatan',
    'audit.csv.recordType': 'Jenis data',
    'audit.csv.recordIds': 'Id data',
    'audit.csv.purpose': 'Tujuan',
    'audit.csv.clientAddr': 'Alamat klien',
    'role.admin': 'Admin',
    'role.kabupaten_manager': 'Manajer SLRT',
    'role.supervisor': 'Supervisor',
    'role.facilitator': 'Fasilitator',
    'role.puskesos_coordinator': 'Koordinator Puskesos',
    'role.puskesos_officer': 'Petugas Puskesos',
    'role.partner_officer': 'Petugas mitra',
    'role.executive': 'Eksekutif',
    'role.auditor': 'Auditor',
    'role.dpo': 'Pejabat Pelindungan Data Pribadi',
    'role.village_head': 'Kepala Desa/Lurah',
  },
  en: {
    'audit.csv.seq': 'Seq',
    'audit.csv.at': 'Time',
    'audit.csv.actor': 'User',
    'audit.csv.roles': 'Roles',
    'audit.csv.action': 'Action code',
    'audit.csv.actionLabel': 'Action',
    'audit.csv.recordType': 'Record type',
    'audit.csv.recordIds': 'Record ids',
    'audit.csv.purpose': 'Purpose',
    'audit.csv.clientAddr': 'Client address',
    'role.admin': 'Administrator',
    'role.kabupaten_manager': 'SLRT manager',
    'role.supervisor': 'Supervisor',
    'role.facilitator': 'Facilitator',
    'role.puskesos_coordinator': 'Puskesos coordinator',
    'role.puskesos_officer': 'Puskesos officer',
    'role.partner_officer': 'Partner officer',
    'role.executive': 'Executive',
    'role.auditor': 'Auditor',
    'role.dpo': 'Data Protection Officer',
    'role.village_head': 'Village head (Kepala Desa/Lurah)',
  },
});
