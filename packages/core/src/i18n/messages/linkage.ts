import { defineCatalog } from '../catalog.ts';

/** Record linkage: duplicate runs, pairs, merges. */
export const linkageMessages = defineCatalog({
  id: {
    'linkage.cross_kabupaten': 'Pasangan ini melintasi batas kabupaten/kota: tidak dapat digabung di sini. Pasangan dicatat untuk pemutakhiran data nasional.',
    'linkage.not_in_pair': 'Orang ini bukan bagian dari pasangan data ganda ini.',
    'linkage.run_in_progress': 'Pemeriksaan data ganda untuk kabupaten ini sedang berjalan. Tunggu sampai selesai.',
    'linkage.undo_later_first': 'Salah satu orang ini sudah digabung lagi sesudahnya. Batalkan penggabungan yang lebih baru terlebih dahulu.',
    'linkage.village_out_of_scope': 'Desa ini di luar wilayah kerja Anda.',
    'linkage.merge_unique': 'Kedua data sama-sama tercatat di {table} untuk hal yang sama (misalnya kepesertaan program yang masih berjalan). Akhiri salah satunya, lalu gabungkan.',
    'linkage.merge': 'Penggabungan data ganda',
    'linkage.unmerge': 'Pembatalan penggabungan data ganda',
  },
  en: {
    'linkage.cross_kabupaten': 'This pair crosses a kabupaten/kota boundary: it cannot be merged here. It is listed for the national data update.',
    'linkage.not_in_pair': 'This person is not one of the pair.',
    'linkage.run_in_progress': 'A duplicate check of this kabupaten is running. Wait until it ends.',
    'linkage.undo_later_first': 'One of these persons was merged again later. Undo the later merge first.',
    'linkage.village_out_of_scope': 'This village is outside your area.',
    'linkage.merge_unique': 'Both records hold the same entry in {table} (a current program enrollment, for instance). End one of them, then merge.',
    'linkage.merge': 'Merge of a duplicate',
    'linkage.unmerge': 'Merge of a duplicate undone',
  },
});
