import type { OrganizationType, Schedule, ServiceSector, ShareableField } from '@slrt/core';

/**
 * The demo directory of Kabupaten Bandung (32.04): the offices SLRT refers to every day
 * (health, education, social affairs, civil registry, manpower, housing), BPJS Kesehatan,
 * Baznas, the hospitals, a few business CSR programmes, NGOs and community groups.
 *
 * Demo data. Office names and their towns are real; street addresses, postal codes, hours,
 * capacities and response times are plausible illustrations, not verified contact data. The
 * CSR, NGO and community entries are illustrative organizations of the kinds SLRT works
 * with, not endorsements of real ones. No phone numbers or e-mail addresses are invented.
 */
interface DemoLocation { name: string; address: string; village: string; postalCode: string }
interface DemoService {
  name: string; sector: ServiceSector; description: string; eligibility: string; documents: string[];
  responseDays: number; capacityPerMonth?: number; shared: ShareableField[]; schedules?: Schedule[]; hoursNote?: string;
  areas?: string[]; minimumAge?: number; maximumAge?: number; applicationProcess?: string; locations?: string[];
}
export interface DemoOrganization {
  name: string; alternateName?: string; type: OrganizationType; description: string; website?: string;
  contactTitle?: string; areas?: string[]; locations: DemoLocation[]; services: DemoService[];
}

const OFFICE_HOURS: Schedule[] = [{ days: ['MO', 'TU', 'WE', 'TH'], opensAt: '08:00', closesAt: '15:30' }, { days: ['FR'], opensAt: '08:00', closesAt: '11:00' }];
const SOREANG_COMPLEX = 'Komplek Pemerintahan Kabupaten Bandung, Jl. Raya Soreang KM 17';
const BASIC: ShareableField[] = ['fullName', 'nik', 'sex', 'birthDate', 'phone', 'address', 'village'];

export const DEMO_DIRECTORY: readonly DemoOrganization[] = [
  {
    name: 'Dinas Kesehatan Kabupaten Bandung', alternateName: 'Dinkes', type: 'government', contactTitle: 'Bidang Pelayanan Kesehatan',
    description: 'Perangkat daerah urusan kesehatan: Puskesmas, jaminan kesehatan daerah, kesehatan ibu dan anak.',
    website: 'https://bandungkab.go.id',
    locations: [
      { name: 'Kantor Dinas Kesehatan', address: SOREANG_COMPLEX, village: '32.04.37.2011', postalCode: '40912' },
      { name: 'Puskesmas Cinunuk', address: 'Jl. Raya Cinunuk', village: '32.04.05.2004', postalCode: '40624' },
    ],
    services: [
      {
        name: 'Pendampingan berobat dan jaminan kesehatan daerah', sector: 'health',
        description: 'Pemeriksaan di Puskesmas, rujukan ke rumah sakit, dan penjaminan biaya bagi warga miskin yang belum punya JKN aktif.',
        eligibility: 'Warga Kabupaten Bandung tidak mampu, terdaftar di DTSEN atau dengan surat keterangan dari Puskesos.',
        documents: ['KTP-el atau KK', 'Surat rujukan Puskesos', 'Kartu JKN bila ada'], responseDays: 3, capacityPerMonth: 400,
        shared: [...BASIC, 'healthInsurance', 'chronicIllnesses'], schedules: OFFICE_HOURS, locations: ['Puskesmas Cinunuk', 'Kantor Dinas Kesehatan'],
        applicationProcess: 'Bawa surat rujukan ke Puskesmas terdekat; petugas menghubungi warga dalam 3 hari kerja.',
      },
      {
        name: 'Pendampingan ibu hamil risiko tinggi', sector: 'health',
        description: 'Pemeriksaan kehamilan, kelas ibu hamil, dan rujukan persalinan untuk ibu hamil risiko tinggi.',
        eligibility: 'Ibu hamil dengan faktor risiko (usia, penyakit penyerta, jarak kehamilan).',
        documents: ['KTP-el', 'Buku KIA'], responseDays: 2, shared: ['fullName', 'nik', 'birthDate', 'phone', 'address', 'village', 'pregnant', 'healthInsurance'],
        schedules: OFFICE_HOURS, locations: ['Puskesmas Cinunuk'],
      },
    ],
  },
  {
    name: 'Dinas Pendidikan Kabupaten Bandung', alternateName: 'Disdik', type: 'government', contactTitle: 'Bidang Pembinaan SD dan SMP',
    description: 'Perangkat daerah urusan pendidikan dasar: usulan PIP/KIP dan penanganan anak putus sekolah.',
    website: 'https://bandungkab.go.id',
    locations: [{ name: 'Kantor Dinas Pendidikan', address: SOREANG_COMPLEX, village: '32.04.37.2011', postalCode: '40912' }],
    services: [
      {
        name: 'Usulan Program Indonesia Pintar (PIP/KIP)', sector: 'education',
        description: 'Pengusulan siswa dari keluarga miskin atau rentan sebagai penerima PIP melalui sekolah.',
        eligibility: 'Anak usia 6-21 tahun dari keluarga KKS/PKH/DTSEN, yatim piatu, penyandang disabilitas, atau korban bencana.',
        documents: ['KK', 'Akta kelahiran anak', 'Kartu KKS/KIP bila ada'], responseDays: 14, minimumAge: 6, maximumAge: 21,
        shared: ['fullName', 'nik', 'kk', 'birthDate', 'sex', 'address', 'village'], schedules: OFFICE_HOURS,
      },
      {
        name: 'Pendampingan anak putus sekolah kembali bersekolah', sector: 'education',
        description: 'Penempatan kembali di sekolah formal atau program kesetaraan (Paket A/B/C).',
        eligibility: 'Anak usia sekolah yang tidak bersekolah.', documents: ['KK', 'Ijazah/rapor terakhir bila ada'],
        responseDays: 14, minimumAge: 7, maximumAge: 18, shared: ['fullName', 'birthDate', 'sex', 'phone', 'address', 'village'],
      },
    ],
  },
  {
    name: 'Dinas Sosial Kabupaten Bandung', alternateName: 'Dinsos', type: 'government', contactTitle: 'Sekretariat SLRT Sabilulungan',
    description: 'Perangkat daerah urusan sosial; tuan rumah SLRT Sabilulungan. Rehabilitasi sosial, jaminan sosial, penanganan fakir miskin dan bencana.',
    website: 'https://bandungkab.go.id',
    locations: [{ name: 'Gedung SLRT Sabilulungan', address: 'Jl. Raya Soreang - Banjaran', village: '32.04.37.2001', postalCode: '40911' }],
    services: [
      {
        name: 'Usulan kepesertaan PBI Jaminan Kesehatan', sector: 'social_assistance',
        description: 'Pengusulan warga miskin dan rentan sebagai peserta PBI-JK (iuran JKN dibayar pemerintah).',
        eligibility: 'Terdaftar di DTSEN desil 1-5 dengan NIK padan Dukcapil.', documents: ['KTP-el', 'KK'], responseDays: 14,
        shared: ['fullName', 'nik', 'kk', 'birthDate', 'address', 'village'], schedules: OFFICE_HOURS,
      },
      {
        name: 'Usulan dan pendampingan Program Keluarga Harapan (PKH)', sector: 'social_assistance',
        description: 'Pengusulan keluarga miskin dengan komponen (ibu hamil, anak usia dini, anak sekolah, lansia, disabilitas berat) sebagai peserta PKH, melalui pendamping PKH kecamatan.',
        eligibility: 'Keluarga di DTSEN desil 1-4 dengan sedikitnya satu komponen PKH.', documents: ['KTP-el', 'KK'], responseDays: 14,
        shared: ['fullName', 'nik', 'kk', 'birthDate', 'address', 'village'], schedules: OFFICE_HOURS,
      },
      {
        name: 'Asistensi rehabilitasi sosial (ATENSI) dan alat bantu disabilitas', sector: 'disability',
        description: 'Dukungan keluarga, terapi, dan alat bantu (kursi roda, alat bantu dengar, tongkat) bagi penyandang disabilitas.',
        eligibility: 'Penyandang disabilitas dari keluarga miskin atau rentan.', documents: ['KTP-el atau KK', 'Surat keterangan dokter bila ada'],
        responseDays: 21, capacityPerMonth: 30, shared: [...BASIC, 'disability'], schedules: OFFICE_HOURS,
      },
      {
        name: 'Bantuan darurat korban bencana', sector: 'disaster',
        description: 'Permakanan, sandang, dan hunian sementara bagi korban bencana dan kebakaran.',
        eligibility: 'Warga terdampak bencana yang dilaporkan desa.', documents: ['KK', 'Surat keterangan desa'],
        responseDays: 1, shared: ['fullName', 'nik', 'kk', 'phone', 'address', 'village'], hoursNote: 'Piket 24 jam untuk kejadian bencana.',
      },
    ],
  },
  {
    name: 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Bandung', alternateName: 'Disdukcapil', type: 'government',
    description: 'Perekaman KTP-el, penerbitan KK, akta kelahiran dan akta kematian, termasuk layanan jemput bola ke desa.',
    website: 'https://bandungkab.go.id', contactTitle: 'Bidang Pelayanan Pendaftaran Penduduk',
    locations: [{ name: 'Kantor Disdukcapil', address: SOREANG_COMPLEX, village: '32.04.37.2011', postalCode: '40912' }],
    services: [
      {
        name: 'Penerbitan dokumen kependudukan (KTP-el, KK, akta kelahiran)', sector: 'civil_documents',
        description: 'Perekaman dan pencetakan KTP-el, pembaruan KK, dan akta kelahiran; jemput bola bagi lansia dan penyandang disabilitas.',
        eligibility: 'Penduduk Kabupaten Bandung yang belum atau kehilangan dokumen.', documents: ['KK lama atau surat keterangan desa', 'Surat keterangan lahir'],
        responseDays: 7, shared: ['fullName', 'nik', 'kk', 'birthDate', 'birthPlace', 'sex', 'phone', 'address', 'village'], schedules: OFFICE_HOURS,
      },
    ],
  },
  {
    name: 'Dinas Tenaga Kerja Kabupaten Bandung', alternateName: 'Disnaker', type: 'government',
    description: 'Pelatihan kerja di Balai Latihan Kerja dan informasi serta penempatan kerja.', website: 'https://bandungkab.go.id',
    locations: [{ name: 'Balai Latihan Kerja Disnaker', address: 'Jl. Raya Soreang - Banjaran', village: '32.04.37.2001', postalCode: '40911' }],
    services: [
      {
        name: 'Pelatihan kerja berbasis kompetensi', sector: 'economy_employment',
        description: 'Pelatihan menjahit, las, otomotif, tata boga, dan komputer selama 1-2 bulan tanpa biaya.',
        eligibility: 'Usia 18-45 tahun, pencari kerja.', documents: ['KTP-el', 'Ijazah terakhir'], responseDays: 30, capacityPerMonth: 60,
        minimumAge: 18, maximumAge: 45, shared: ['fullName', 'nik', 'birthDate', 'sex', 'phone', 'village'], schedules: OFFICE_HOURS,
      },
      {
        name: 'Informasi lowongan dan penempatan kerja', sector: 'economy_employment',
        description: 'Pendaftaran pencari kerja (kartu AK/1) dan penyaluran ke lowongan industri di Kabupaten Bandung.',
        eligibility: 'Pencari kerja berusia 18 tahun ke atas.', documents: ['KTP-el', 'Pas foto', 'Ijazah'], responseDays: 14,
        minimumAge: 18, shared: ['fullName', 'nik', 'phone', 'village'],
      },
    ],
  },
  {
    name: 'Dinas Perumahan dan Permukiman Kabupaten Bandung', alternateName: 'DISPERKIM', type: 'government',
    description: 'Perbaikan rumah tidak layak huni (Rutilahu) dan prasarana permukiman.', website: 'https://bandungkab.go.id',
    locations: [{ name: 'Kantor DISPERKIM', address: SOREANG_COMPLEX, village: '32.04.37.2011', postalCode: '40912' }],
    services: [
      {
        name: 'Bantuan perbaikan rumah tidak layak huni (Rutilahu)', sector: 'housing',
        description: 'Perbaikan atap, lantai, dinding, dan jamban rumah keluarga miskin, dianggarkan per tahun.',
        eligibility: 'Keluarga miskin di DTSEN dengan rumah tidak layak huni di atas tanah milik sendiri.',
        documents: ['KTP-el', 'KK', 'Bukti kepemilikan tanah', 'Foto rumah'], responseDays: 30, capacityPerMonth: 25,
        shared: ['fullName', 'nik', 'kk', 'phone', 'address', 'village'], schedules: OFFICE_HOURS,
      },
    ],
  },
  {
    name: 'BPJS Kesehatan Kantor Cabang Soreang', alternateName: 'BPJS Kesehatan', type: 'government',
    description: 'Penyelenggara Jaminan Kesehatan Nasional: kepesertaan, pengaktifan kembali, dan pengaduan peserta.',
    website: 'https://www.bpjs-kesehatan.go.id',
    locations: [{ name: 'Kantor Cabang Soreang', address: 'Jl. Raya Soreang', village: '32.04.37.2001', postalCode: '40911' }],
    services: [
      {
        name: 'Pendaftaran dan pengaktifan kembali kepesertaan JKN', sector: 'health',
        description: 'Pendaftaran peserta baru, perubahan segmen ke PBI, dan pengaktifan kartu yang nonaktif.',
        eligibility: 'Seluruh penduduk.', documents: ['KTP-el', 'KK'], responseDays: 5,
        shared: ['fullName', 'nik', 'kk', 'birthDate', 'phone', 'address', 'healthInsurance'], schedules: OFFICE_HOURS,
      },
    ],
  },
  {
    name: 'Badan Amil Zakat Nasional Kabupaten Bandung', alternateName: 'Baznas Kabupaten Bandung', type: 'religious',
    description: 'Penyaluran zakat, infak, dan sedekah untuk mustahik: biaya hidup, pengobatan, pendidikan, dan usaha.',
    website: 'https://baznas.go.id',
    locations: [{ name: 'Kantor Baznas Kabupaten Bandung', address: 'Jl. Raya Soreang', village: '32.04.37.2001', postalCode: '40911' }],
    services: [
      {
        name: 'Bantuan biaya hidup mustahik', sector: 'social_assistance',
        description: 'Bantuan tunai untuk fakir miskin, lansia sebatang kara, dan keluarga dalam kesulitan mendesak.',
        eligibility: 'Mustahik (penerima zakat) yang diverifikasi amil.', documents: ['KTP-el', 'KK', 'Surat keterangan tidak mampu'],
        responseDays: 14, capacityPerMonth: 100, shared: ['fullName', 'nik', 'kk', 'phone', 'address', 'village'], schedules: OFFICE_HOURS,
      },
      {
        name: 'Bantuan biaya pengobatan', sector: 'health',
        description: 'Bantuan biaya yang tidak ditanggung JKN: transport, pendamping, obat di luar formularium.',
        eligibility: 'Mustahik yang sedang berobat.', documents: ['KTP-el', 'Surat keterangan dokter'], responseDays: 7,
        shared: [...BASIC, 'chronicIllnesses', 'healthInsurance'],
      },
      {
        name: 'Beasiswa pendidikan mustahik', sector: 'education',
        description: 'Beasiswa SD sampai perguruan tinggi bagi anak keluarga mustahik.', eligibility: 'Pelajar dari keluarga mustahik.',
        documents: ['KK', 'Rapor terakhir', 'Surat keterangan sekolah'], responseDays: 30, shared: ['fullName', 'birthDate', 'address', 'village', 'phone'],
      },
    ],
  },
  {
    name: 'RSUD Al-Ihsan Provinsi Jawa Barat', alternateName: 'RSUD Al-Ihsan', type: 'government',
    description: 'Rumah sakit umum daerah rujukan di Baleendah: rawat jalan, rawat inap, gawat darurat.',
    locations: [{ name: 'RSUD Al-Ihsan', address: 'Jl. Kiastramanggala', village: '32.04.32.1001', postalCode: '40375' }],
    services: [
      {
        name: 'Pelayanan pasien tidak mampu (PBI dan jaminan daerah)', sector: 'health',
        description: 'Rawat jalan dan rawat inap bagi pasien PBI atau yang dijamin daerah, dengan pendampingan administrasi.',
        eligibility: 'Pasien dengan rujukan dari Puskesmas atau IGD.', documents: ['KTP-el', 'Kartu JKN', 'Surat rujukan FKTP'],
        responseDays: 2, shared: [...BASIC, 'healthInsurance', 'chronicIllnesses', 'disability'], hoursNote: 'IGD 24 jam; rawat jalan Senin-Sabtu.',
      },
    ],
  },
  {
    name: 'RSUD Soreang', type: 'government',
    description: 'Rumah sakit umum daerah milik Kabupaten Bandung di Soreang.',
    locations: [{ name: 'RSUD Soreang', address: 'Jl. Alun-alun Utara Soreang', village: '32.04.37.2001', postalCode: '40911' }],
    services: [
      {
        name: 'Rawat jalan dan rawat inap peserta JKN', sector: 'health',
        description: 'Pelayanan spesialis dan rawat inap bagi peserta JKN, termasuk pasien rujukan SLRT.',
        eligibility: 'Peserta JKN dengan rujukan FKTP, atau gawat darurat.', documents: ['KTP-el', 'Kartu JKN', 'Surat rujukan'],
        responseDays: 2, shared: [...BASIC, 'healthInsurance', 'chronicIllnesses'], hoursNote: 'IGD 24 jam.',
      },
    ],
  },
  {
    name: 'UPTD Perlindungan Perempuan dan Anak Kabupaten Bandung', alternateName: 'UPTD PPA', type: 'government',
    description: 'Penanganan kasus kekerasan terhadap perempuan dan anak: pengaduan, pendampingan, rumah aman.',
    locations: [{ name: 'Kantor UPTD PPA', address: SOREANG_COMPLEX, village: '32.04.37.2011', postalCode: '40912' }],
    services: [
      {
        name: 'Pendampingan korban kekerasan perempuan dan anak', sector: 'violence_abuse',
        description: 'Konseling, pendampingan hukum dan medis, dan rumah aman bagi korban.',
        eligibility: 'Perempuan dan anak korban kekerasan.', documents: [], responseDays: 1,
        shared: ['fullName', 'sex', 'birthDate', 'phone', 'address', 'village'], hoursNote: 'Pengaduan darurat dilayani setiap hari.',
      },
    ],
  },
  {
    name: 'Forum CSR Kabupaten Bandung', type: 'business',
    description: 'Wadah tanggung jawab sosial perusahaan di Kabupaten Bandung yang menyalurkan program CSR anggotanya.',
    locations: [{ name: 'Sekretariat Forum CSR', address: SOREANG_COMPLEX, village: '32.04.37.2011', postalCode: '40912' }],
    services: [
      {
        name: 'Bedah rumah program CSR', sector: 'housing',
        description: 'Renovasi rumah keluarga miskin yang belum terjangkau anggaran Rutilahu.',
        eligibility: 'Rumah tidak layak huni, diusulkan Puskesos dengan foto dan verifikasi lapangan.',
        documents: ['KTP-el', 'KK', 'Foto rumah'], responseDays: 45, capacityPerMonth: 5, shared: ['fullName', 'phone', 'address', 'village'],
      },
      {
        name: 'Bantuan alat bantu disabilitas program CSR', sector: 'disability',
        description: 'Kursi roda, kaki palsu, dan alat bantu dengar dari program CSR anggota forum.',
        eligibility: 'Penyandang disabilitas dari keluarga miskin.', documents: ['KTP-el atau KK'], responseDays: 30,
        shared: ['fullName', 'phone', 'address', 'village', 'disability'],
      },
    ],
  },
  {
    name: 'Koperasi Tekstil Majalaya Sejahtera (CSR)', type: 'business', areas: ['32.04.33', '32.04.29', '32.04.36'],
    description: 'Program CSR industri tekstil Majalaya: pelatihan menjahit dan penyaluran kerja bagi warga sekitar.',
    locations: [{ name: 'Rumah Pelatihan Majalaya', address: 'Jl. Raya Majalaya', village: '32.04.33.2001', postalCode: '40382' }],
    services: [
      {
        name: 'Pelatihan menjahit dan penyaluran kerja', sector: 'economy_employment',
        description: 'Pelatihan menjahit industri 6 minggu dan penyaluran ke pabrik anggota.', eligibility: 'Warga Majalaya, Ciparay, dan Ibun usia 18-40 tahun.',
        documents: ['KTP-el'], responseDays: 21, capacityPerMonth: 20, minimumAge: 18, maximumAge: 40,
        shared: ['fullName', 'nik', 'phone', 'village'], areas: ['32.04.33', '32.04.29', '32.04.36'],
      },
    ],
  },
  {
    name: 'Yayasan Difabel Mandiri Bandung', type: 'ngo',
    description: 'Lembaga swadaya pendamping penyandang disabilitas: keterampilan, advokasi, dan kelompok dukungan keluarga.',
    locations: [{ name: 'Sekretariat Yayasan', address: 'Jl. Raya Banjaran', village: '32.04.13.2003', postalCode: '40377' }],
    services: [
      {
        name: 'Pelatihan keterampilan dan advokasi penyandang disabilitas', sector: 'disability',
        description: 'Pelatihan kerajinan dan komputer, pendampingan akses layanan publik.', eligibility: 'Penyandang disabilitas usia 15 tahun ke atas.',
        documents: [], responseDays: 14, minimumAge: 15, shared: ['fullName', 'phone', 'address', 'village', 'disability'],
      },
    ],
  },
  {
    name: 'Ikatan Bidan Indonesia Cabang Kabupaten Bandung', alternateName: 'IBI Kabupaten Bandung', type: 'professional',
    description: 'Organisasi profesi bidan; bidan desa anggota melayani pemeriksaan kehamilan dan nifas.',
    locations: [{ name: 'Sekretariat IBI', address: 'Jl. Raya Soreang', village: '32.04.37.2001', postalCode: '40911' }],
    services: [
      {
        name: 'Pemeriksaan kehamilan dan nifas oleh bidan desa', sector: 'health',
        description: 'Kunjungan rumah bidan desa untuk ibu hamil dan nifas yang sulit datang ke fasilitas kesehatan.',
        eligibility: 'Ibu hamil dan nifas.', documents: [], responseDays: 3,
        shared: ['fullName', 'phone', 'address', 'village', 'pregnant'],
      },
    ],
  },
  {
    name: 'Karang Taruna Kabupaten Bandung', type: 'community',
    description: 'Organisasi kepemudaan desa; relawan pendamping lansia dan warga rentan.',
    locations: [{ name: 'Sekretariat Karang Taruna', address: SOREANG_COMPLEX, village: '32.04.37.2011', postalCode: '40912' }],
    services: [
      {
        name: 'Relawan pendamping lansia', sector: 'elderly',
        description: 'Kunjungan rutin, antar jemput ke Puskesmas dan kantor desa, bantuan belanja kebutuhan harian.',
        eligibility: 'Lansia 60 tahun ke atas yang tinggal sendiri.', documents: [], responseDays: 7, minimumAge: 60,
        shared: ['fullName', 'phone', 'address', 'village'],
      },
    ],
  },
  {
    name: 'DKM Masjid Agung Al-Fathu Soreang', type: 'religious', areas: ['32.04.37'],
    description: 'Dewan Kemakmuran Masjid Agung Soreang: santunan yatim dan dhuafa, dapur umum Jumat.',
    locations: [{ name: 'Masjid Agung Al-Fathu', address: 'Alun-alun Soreang', village: '32.04.37.2001', postalCode: '40911' }],
    services: [
      {
        name: 'Santunan yatim dan dhuafa', sector: 'social_assistance',
        description: 'Santunan bulanan dan paket sembako bagi anak yatim dan dhuafa di sekitar Soreang.',
        eligibility: 'Warga Kecamatan Soreang.', documents: ['KK'], responseDays: 14, capacityPerMonth: 50,
        shared: ['fullName', 'phone', 'address', 'village'], areas: ['32.04.37'],
        schedules: [{ days: ['FR'], opensAt: '08:00', closesAt: '11:30', note: 'Penyaluran setiap Jumat pagi' }],
      },
    ],
  },
];
