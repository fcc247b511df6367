import { navigate } from '../../app/router.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { directoryApi } from './directory-api.ts';
import { OrganizationForm, profileBody, valuesOf } from './OrganizationForm.tsx';
import '../referrals/referrals.css';

/** `/direktori/organisasi/baru`: the kabupaten adds a partner organization. */
export default function OrganizationFormPage() {
  const t = useT('directory');
  return (
    <section>
      <h1>{t('org.new')}</h1>
      <OrganizationForm
        initial={valuesOf(null)}
        full
        submitLabel={t('org.create')}
        onSubmit={async (v) => {
          const created = await directoryApi.createOrganization({ ...profileBody(v), name: v.name.trim(), type: v.type, active: v.active });
          navigate(`/direktori/organisasi/${created.id}`);
        }}
      />
    </section>
  );
}
