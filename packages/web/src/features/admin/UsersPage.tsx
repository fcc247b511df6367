import { useState } from 'react';
import type { UserListQuery } from '@slrt/core';
import type { FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { useCursorList } from '../../api/use-cursor-list.ts';
import type { User, UserRole } from '../../api/user.ts';
import { Link, useSearchParam } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { Translate } from '../../i18n/i18n.tsx';
import { TextField } from '../../ui/Field.tsx';
import { FormErrors, fieldError } from '../../ui/FormErrors.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { useFormAction } from '../../ui/use-form-action.ts';
import { scopeText } from '../../ui/scope.ts';
import { LoadError } from '../../ui/LoadError.tsx';

function grantText(t: Translate<'admin'>, grant: UserRole): string {
  return `${t(`role.${grant.role}`)} · ${scopeText(t, grant)}`;
}

/** `/admin/pengguna`: the users, with deactivate/activate and reset password on each. */
export default function UsersPage() {
  const t = useT('admin');
  const created = useSearchParam('baru');
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const list = useCursorList<User>('/users', { q: search } satisfies UserListQuery);

  return (
    <section>
      <h1>{t('users.title')}</h1>
      {created && <Notice>{t('users.created', { username: created })}</Notice>}
      <p>
        <Link to="/admin/pengguna/baru" className="button button--primary">
          {t('users.add')}
        </Link>
      </p>
      <form
        className="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(query.trim());
        }}
      >
        <TextField id="user-search" type="search" label={t('users.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="button">
          {t('users.searchSubmit')}
        </button>
      </form>
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      {list.loading ? (
        <p role="status">{t('app.loading')}</p>
      ) : list.items.length === 0 && !list.error ? (
        <p>{search ? t('users.noMatch', { query: search }) : t('users.empty')}</p>
      ) : (
        <ul className="cards">
          {list.items.map((user) => (
            <UserCard key={user.id} user={user} onChanged={(next) => list.replace((u) => u.id === next.id, next)} />
          ))}
        </ul>
      )}
      {list.hasMore && (
        <button type="button" className="button" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? t('app.loading') : t('action.loadMore')}
        </button>
      )}
    </section>
  );
}

function UserCard({ user, onChanged }: { user: User; onChanged: (user: User) => void }) {
  const t = useT('admin');
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, setError, run } = useFormAction();
  const [resetting, setResetting] = useState(false);

  async function setActive(active: boolean) {
    if (!active && !window.confirm(t('users.confirmDeactivate', { name: user.displayName }))) return;
    setNotice(null);
    await run(async () => {
      const updated = await api.patch<User | undefined>(`/users/${encodeURIComponent(user.id)}`, { active });
      onChanged(updated && typeof updated === 'object' && 'id' in updated ? updated : { ...user, active });
      setNotice(t(active ? 'users.activated' : 'users.deactivated', { name: user.displayName }));
    });
  }

  return (
    <li className={user.active ? 'card' : 'card card--muted'} data-username={user.username}>
      <h2 className="card__title">
        {user.displayName} {!user.active && <span className="badge">{t('users.inactive')}</span>}
      </h2>
      <p className="card__meta">{t('users.username', { username: user.username })}</p>
      <ul className="card__roles">
        {user.roles.map((grant, i) => (
          <li key={i}>{grantText(t, grant)}</li>
        ))}
      </ul>
      {notice && <Notice>{notice}</Notice>}
      {!resetting && <FormErrors error={error} placed={[]} />}
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void setActive(!user.active)}>
          {user.active ? t('users.deactivate') : t('users.activate')}
        </button>
        <button
          type="button"
          className="button"
          aria-expanded={resetting}
          onClick={() => {
            setResetting((r) => !r);
            setNotice(null);
            setError(null);
          }}
        >
          {t('users.resetPassword')}
        </button>
      </div>
      {resetting && (
        <ResetPasswordForm
          user={user}
          onDone={() => {
            setResetting(false);
            setNotice(t('users.resetDone', { name: user.displayName }));
          }}
        />
      )}
    </li>
  );
}

function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const t = useT('admin');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useFormAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // on success the form closes (onDone): it stays busy until it goes
    await run(async () => {
      await api.post(`/users/${encodeURIComponent(user.id)}/reset-password`, { password });
      onDone();
    }, { leaves: true });
  }

  const id = `reset-${user.id}`;
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} noValidate>
      <FormErrors error={error} placed={['password']} />
      <TextField
        id={id}
        type="password"
        label={t('users.resetPasswordFor', { name: user.displayName })}
        hint={t('create.passwordHint')}
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldError(error, 'password')}
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('users.resetSubmit')}
      </button>
    </form>
  );
}
