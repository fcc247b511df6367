import { useUser } from '../../api/session.tsx';
import { useNav } from '../../app/nav.ts';
import { Link, useLocation } from '../../app/router.tsx';
import { WORKSPACES } from '../../app/workspaces.ts';
import { useT, useTranslateQualified } from '../../i18n/i18n.tsx';
import { scopeText } from '../../ui/scope.ts';
import { permissionsOf } from '../../api/user.ts';
import { InheritedPanel } from '../puskesos/InheritedPanel.tsx';

/**
 * A role's home: heading, the user's scope, and links to the workspace's features. Features
 * appear here (and in the navigation) as their routes are added; nothing is shown before.
 */
export default function WorkspacePage() {
  const t = useT('common');
  const label = useTranslateQualified();
  const user = useUser();
  const nav = useNav();
  const { pathname } = useLocation();
  const workspace = WORKSPACES.find((w) => w.path === pathname);
  if (!workspace) return null;

  const grants = user.roles.filter((r) => workspace.roles.includes(r.role));
  const features = nav.filter((item) => !item.isWorkspace && item.workspaces.includes(workspace.id));

  return (
    <section data-workspace={workspace.id}>
      <h1>{label(workspace.title)}</h1>
      <p className="lead">{label(workspace.intro)}</p>
      {permissionsOf(user).has('puskesos.write') && <InheritedPanel />}

      <h2>{t('workspace.scope')}</h2>
      <ul className="scope-list">
        {grants.map((grant, i) => (
          <li key={i}>
            <span className="role">{t(`role.${grant.role}`)}</span> <span className="scope">{scopeText(t, grant)}</span>
          </li>
        ))}
      </ul>

      <h2>{t('workspace.features')}</h2>
      {features.length === 0 ? (
        <p>{t('workspace.noFeatures')}</p>
      ) : (
        <ul className="feature-list">
          {features.map((item) => (
            <li key={item.path}>
              <Link to={item.path} className="feature-link">
                {label(item.label)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
