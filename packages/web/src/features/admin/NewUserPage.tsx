import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { useUser } from '../../api/session.tsx';
import type { User } from '../../api/user.ts';
import { Link, navigate } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { adminRoots } from './admin-roots.ts';
import { RoleGrantsEditor, emptyGrant, grantBody, grantFields } from './RoleGrantsEditor.tsx';
import type { GrantDraft } from './RoleGrantsEditor.tsx';
import { usersUrl } from '../../app/page-urls.ts';

/** `/admin/pengguna/baru`: a new user with one or more roles, each with its area or organization. */
export default function NewUserPage() {
  const t = useT('admin');
  const me = useUser();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [grants, setGrants] = useState<GrantDraft[]>(() => [emptyGrant()]);
  const { busy, error, run } = useFormAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const sent = await run(async () => {
      const created = await api.post<User>('/users', {
        username: username.trim(),
        displayName: displayName.trim(),
        password,
        roles: grants.map(grantBody),
      });
      navigate(usersUrl({ baru: created.username ?? username.trim() }));
    }, { leaves: true });
    if (!sent) window.scrollTo(0, 0);
  }

  return (
    <section className="narrow">
      <p>
        <Link to="/admin/pengguna">← {t('users.title')}</Link>
      </p>
      <h1>{t('create.title')}</h1>
      <FormErrors error={error} placed={['username', 'displayName', 'password', ...grantFields(grants.length)]} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="username"
          label={t('create.username')}
          hint={t('create.usernameHint')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fieldError(error, 'username')}
        />
        <TextField
          id="displayName"
          label={t('create.displayName')}
          autoComplete="off"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          error={fieldError(error, 'displayName')}
        />
        <TextField
          id="password"
          type="password"
          label={t('create.password')}
          hint={t('create.passwordHint')}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(error, 'password')}
        />
        <RoleGrantsEditor grants={grants} onChange={setGrants} roots={adminRoots(me)} error={error} />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('create.submit')}
          </button>
          <Link to="/admin/pengguna" className="button">
            {t('action.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
