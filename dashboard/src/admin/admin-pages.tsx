import type { PageId } from '../app/routes';
import type { Session } from '../api/types';
import { AutosharingPage } from './autosharing-page';
import { OrganisationPage } from './organisation-page';
import { UsersPage } from './users-page';

// The admin chunk's entry (loaded with React.lazy, so reps never download it).

export default function AdminPages({ page, session }: { page: PageId; session: Session }) {
  if (page === 'admin/users') return <UsersPage self={session.user.id} />;
  if (page === 'admin/organisation') return <OrganisationPage />;
  return <AutosharingPage />;
}
