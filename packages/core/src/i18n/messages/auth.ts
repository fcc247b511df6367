import { defineCatalog } from '../catalog.ts';

export const authMessages = defineCatalog({
  id: {
    'auth.invalid_credentials': 'Nama pengguna atau kata sandi salah.',
    'auth.locked': 'Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah {minutes} menit.',
    'auth.inactive': 'Akun tidak aktif.',
    'auth.password_too_weak': 'Kata sandi minimal 10 karakter.',
    'auth.wrong_current_password': 'Kata sandi lama salah.',
    'auth.username_taken': 'Nama pengguna sudah dipakai.',
    'tokens.not_service_account': 'Token hanya untuk akun layanan (sistem mitra atau integrasi), bukan akun seseorang.',
    'tokens.scope_not_held': 'Peran akun ini tidak memberi izin {scope}.',
    'users.own_roles': 'Anda tidak dapat mengubah peran Anda sendiri; admin lain yang harus melakukannya.',
    'users.service_account_password': 'Akun layanan tidak memakai kata sandi; ia bekerja dengan token.',
    'auth.scope_required': 'Peran {role} memerlukan wilayah atau organisasi.',
    'auth.scope_outside': 'Wilayah {code} di luar wilayah kabupaten/kota ini.',
  },
  en: {
    'auth.invalid_credentials': 'Wrong username or password.',
    'auth.locked': 'Account temporarily locked after too many failed attempts. Try again in {minutes, plural, one {# minute} other {# minutes}}.',
    'auth.inactive': 'Account is inactive.',
    'auth.password_too_weak': 'The password needs at least 10 characters.',
    'auth.wrong_current_password': 'The current password is wrong.',
    'auth.username_taken': 'This username is taken.',
    'tokens.not_service_account': 'Tokens are only for service accounts (a partner system or an integration), not for a person\'s account.',
    'tokens.scope_not_held': 'This account\'s roles do not grant {scope}.',
    'users.own_roles': 'You cannot change your own roles; another admin must do it.',
    'users.service_account_password': 'A service account has no password; it works with tokens.',
    'auth.scope_required': 'Role {role} needs an area or an organization.',
    'auth.scope_outside': 'Area {code} is outside this kabupaten/kota.',
  },
});
