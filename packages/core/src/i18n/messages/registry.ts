import { defineCatalog } from '../catalog.ts';

/**
 * Registry domain: NIK and KK number checks, spreadsheet import hints, the local welfare
 * estimate. Messages never include the number itself or a birth date: they are shown and
 * may be logged, and both are protected population data.
 */
export const registryMessages = defineCatalog({
  id: {
    'nik.not_digits': 'NIK hanya boleh berisi angka.',
    'nik.length': 'NIK harus 16 digit (sekarang {length}).',
    'nik.invalid_date': 'Tanggal lahir pada NIK (digit 7-12) tidak mungkin: tanggal tidak ada atau usia di luar 0-120 tahun.',
    'nik.serial_zero': 'Nomor urut NIK (4 digit terakhir) tidak boleh 0000.',
    'nik.province_invalid': 'Kode provinsi {code} pada NIK tidak pernah ada.',
    'nik.province_retired': 'Kode provinsi {code} pada NIK sudah tidak dipakai. Periksa dengan data Dukcapil.',
    'nik.kabupaten_zero': 'Kode kabupaten/kota pada NIK (digit 3-4) tidak boleh 00.',
    'nik.kecamatan_zero': 'Kode kecamatan pada NIK (digit 5-6) tidak boleh 00.',
    'nik.region_unknown': 'Kode wilayah {code} pada NIK tidak dikenal. Bisa jadi kode lama (pemekaran); periksa dengan data Dukcapil.',
    'nik.birth_date_mismatch': 'Tanggal lahir pada NIK berbeda dengan tanggal lahir yang tercatat. Konfirmasi dengan dokumen kependudukan.',
    'nik.sex_mismatch': 'Jenis kelamin pada NIK berbeda dengan jenis kelamin yang tercatat. Konfirmasi dengan dokumen kependudukan.',
    'nik.spreadsheet_number': 'Nilai ini tampaknya berasal dari sel angka spreadsheet (notasi ilmiah atau digit terakhir hilang). Ubah format kolom NIK/No. KK menjadi teks, lalu ekspor ulang.',
    'kk.not_digits': 'Nomor KK hanya boleh berisi angka.',
    'kk.length': 'Nomor KK harus 16 digit (sekarang {length}).',
    'kk.province_invalid': 'Kode provinsi {code} pada nomor KK tidak pernah ada.',
    'kk.province_retired': 'Kode provinsi {code} pada nomor KK sudah tidak dipakai. Periksa dengan data Dukcapil.',
    'kk.kabupaten_zero': 'Kode kabupaten/kota pada nomor KK (digit 3-4) tidak boleh 00.',
    'kk.kecamatan_zero': 'Kode kecamatan pada nomor KK (digit 5-6) tidak boleh 00.',
    'kk.region_unknown': 'Kode wilayah {code} pada nomor KK tidak dikenal. Periksa dengan data Dukcapil.',
    'kk.invalid_date': 'Tanggal pencatatan pada nomor KK (digit 7-12) bukan tanggal yang mungkin. Periksa kembali nomor KK.',
    'kk.serial_zero': 'Nomor urut KK (4 digit terakhir) 0000 tidak lazim. Periksa kembali nomor KK.',
    'local_estimate.label': 'Perkiraan lokal',
    'local_estimate.note': 'Perkiraan lokal dari indikator rumah tangga (model {modelId} versi {modelVersion}). Bukan desil DTSEN; hanya untuk membantu prioritas.',
  },
  en: {
    'nik.not_digits': 'A NIK may contain digits only.',
    'nik.length': 'A NIK has 16 digits (this one has {length}).',
    'nik.invalid_date': 'The birth date in the NIK (digits 7-12) is impossible: the date does not exist or the age is outside 0-120 years.',
    'nik.serial_zero': 'The NIK serial (last 4 digits) cannot be 0000.',
    'nik.province_invalid': 'Province code {code} in the NIK has never existed.',
    'nik.province_retired': 'Province code {code} in the NIK is no longer in use. Check against the civil registry.',
    'nik.kabupaten_zero': 'The kabupaten/kota code in the NIK (digits 3-4) cannot be 00.',
    'nik.kecamatan_zero': 'The kecamatan code in the NIK (digits 5-6) cannot be 00.',
    'nik.region_unknown': 'Region code {code} in the NIK is not known. It may be an older code (from before a split); check against the civil registry.',
    'nik.birth_date_mismatch': 'The birth date in the NIK differs from the recorded birth date. Confirm with the civil documents.',
    'nik.sex_mismatch': 'The sex in the NIK differs from the recorded sex. Confirm with the civil documents.',
    'nik.spreadsheet_number': 'This value seems to come from a numeric spreadsheet cell (scientific notation or a lost last digit). Format the NIK/KK column as text and export again.',
    'kk.not_digits': 'A KK number may contain digits only.',
    'kk.length': 'A KK number has 16 digits (this one has {length}).',
    'kk.province_invalid': 'Province code {code} in the KK number has never existed.',
    'kk.province_retired': 'Province code {code} in the KK number is no longer in use. Check against the civil registry.',
    'kk.kabupaten_zero': 'The kabupaten/kota code in the KK number (digits 3-4) cannot be 00.',
    'kk.kecamatan_zero': 'The kecamatan code in the KK number (digits 5-6) cannot be 00.',
    'kk.region_unknown': 'Region code {code} in the KK number is not known. Check against the civil registry.',
    'kk.invalid_date': 'The recording date in the KK number (digits 7-12) is not a possible date. Check the number again.',
    'kk.serial_zero': 'A KK serial (last 4 digits) of 0000 is unusual. Check the number again.',
    'local_estimate.label': 'Local estimate',
    'local_estimate.note': 'Local estimate from household indicators (model {modelId} version {modelVersion}). Not the DTSEN decile; for triage only.',
  },
});
