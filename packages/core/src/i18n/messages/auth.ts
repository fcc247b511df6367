import { defineCatalog } from '../catalog.ts';

export const authMessages = defineCatalog({
  id: {
    'auth.invalid_credentials': 'Nama pengguna atau kata sandi salah.',
    'auth.locked': 'Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah {minutes} menit.',
    'auth.inactive': 'Akun tidak aktif.',
    'auth.password_too_weak': 'Kata sandi minimal 10 karakter.',
    'auth.wrong_current_password': 'Kata sandi lama salah.',
    'auth.username_taken': 'Nama pengguna sudah dipakai.',
    'auth.scope_required': 'Peran {role} memerlukan wilayah atau organisasi.',
    'auth.scope_outside': 'Wilayah {code} di luar wilayah kabupaten/kota ini.',
  },
  en: {
    'auth.invalid_credentials': 'Wrong username or password.',
    'auth.locked': 'Account temporarily locked after too many failed attempts. Try again in {minutes} minutes.',
    'auth.inactive': 'Account is inactive.',
    'auth.password_too_weak': 'The password needs at least 10 characters.',
    'auth.wrong_current_password': 'The current password is wrong.',
    'auth.username_taken': 'This username is taken.',
    'auth.scope_required': 'Role {role} needs an area or an organization.',
    'auth.scope_outside': 'Area {code} is outside this kabupaten/kota.',
  },
});
