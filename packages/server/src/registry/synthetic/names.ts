/**
 * Name stock of the synthetic population: common Sundanese and Indonesian given names and
 * second names of West Java. Made-up combinations; any match with a real person is chance.
 */
export const MALE_GIVEN = [
  'Asep', 'Ujang', 'Dadang', 'Cecep', 'Deden', 'Dede', 'Entis', 'Aep', 'Iwan', 'Yayan', 'Ade', 'Agus', 'Dadan', 'Endang',
  'Jajang', 'Encep', 'Tatang', 'Wawan', 'Yusuf', 'Rudi', 'Hendra', 'Budi', 'Ahmad', 'Muhammad', 'Rizki', 'Fajar', 'Dimas',
  'Ilham', 'Rendi', 'Ridwan', 'Hilman', 'Iman', 'Dedi', 'Oman', 'Engkus', 'Maman', 'Ayi', 'Dodi', 'Aris', 'Andi', 'Rahmat',
  'Galih', 'Gilang', 'Raka', 'Dani', 'Yogi', 'Ikbal', 'Firman', 'Hadi', 'Ucu', 'Apep', 'Nana', 'Komar', 'Cahya', 'Rizal',
] as const;

export const FEMALE_GIVEN = [
  'Siti', 'Euis', 'Imas', 'Neneng', 'Neng', 'Enok', 'Eti', 'Yeni', 'Lilis', 'Nining', 'Cucu', 'Ai', 'Iis', 'Popon', 'Rina',
  'Dewi', 'Sri', 'Nurul', 'Fitri', 'Ayu', 'Rini', 'Tati', 'Yuyun', 'Elis', 'Entin', 'Nunung', 'Wiwin', 'Dian', 'Putri', 'Anisa',
  'Salsabila', 'Nabila', 'Rani', 'Desi', 'Teti', 'Nia', 'Yanti', 'Mimin', 'Ela', 'Eneng', 'Sari', 'Intan', 'Aisyah', 'Zahra',
  'Tini', 'Uju', 'Oneng', 'Heni', 'Lina', 'Ratna',
] as const;

export const MALE_SECOND = [
  'Suparman', 'Sutisna', 'Hidayat', 'Supriatna', 'Kurniawan', 'Saepudin', 'Rahmat', 'Permana', 'Gunawan', 'Setiawan',
  'Hermawan', 'Firmansyah', 'Ramdani', 'Nugraha', 'Wijaya', 'Pratama', 'Saputra', 'Sunarya', 'Sopandi', 'Hidayatullah',
  'Mulyana', 'Suhendar', 'Sodikin', 'Maulana', 'Rohman', 'Syarifudin', 'Kusnadi', 'Suherman', 'Ruhiyat', 'Taryana',
] as const;

export const FEMALE_SECOND = [
  'Sumarni', 'Nurhayati', 'Rohmah', 'Komariah', 'Kurniasih', 'Maryani', 'Suryani', 'Rahayu', 'Sopiah', 'Lestari',
  'Handayani', 'Fauziah', 'Mulyani', 'Nurjanah', 'Rahmawati', 'Masitoh', 'Aisah', 'Wulandari', 'Permatasari', 'Susanti',
  'Hayati', 'Marlina', 'Apriani', 'Kartika', 'Nurhasanah', 'Rosita', 'Sulastri', 'Yulianti', 'Karlina', 'Juariah',
] as const;

export const BIRTH_PLACES: ReadonlyArray<readonly [string, number]> = [
  ['Bandung', 70], ['Garut', 5], ['Tasikmalaya', 4], ['Cianjur', 3], ['Sumedang', 4], ['Subang', 2], ['Jakarta', 3],
  ['Ciamis', 2], ['Majalengka', 2], ['Cimahi', 3], ['Purwakarta', 1], ['Bogor', 1],
];

export const KAMPUNG = [
  'Babakan', 'Sukamaju', 'Cijambu', 'Ciburial', 'Pasir', 'Sukasari', 'Mekarsari', 'Cigadung', 'Sindanglaya', 'Cikoneng',
  'Margamulya', 'Cibeureum', 'Sukamanah', 'Cisaranten', 'Bojong', 'Ciluncat', 'Warung Lobak', 'Cipadung', 'Sukaluyu', 'Legok',
] as const;
