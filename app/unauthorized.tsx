import { PageHeader } from "./_components/page-header";
import { PAGES, toMetadata } from "./_components/page-meta";
import { EmptyState } from "./_components/empty-state";

export const metadata = toMetadata(PAGES.unauthorized);

/**
 * Nobody signed in, answered with a 401: behind a sign-in proxy this means the request did not come through it
 * (or the proxy sent no email). With OIDC pages send people to the sign-in page instead.
 */
export default function Unauthorized() {
  return (
    <>
      <PageHeader title={PAGES.unauthorized.title} description={PAGES.unauthorized.description} />
      <EmptyState title="Sign in through your company's sign-in">
        Open Costwise at its usual address, where your company&apos;s sign-in asks who you are. If you did and still see
        this, the sign-in in front of Costwise did not pass your email on: tell whoever runs it.
      </EmptyState>
    </>
  );
}
