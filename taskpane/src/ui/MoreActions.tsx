import { Button } from '@fluentui/react-components';
import { lazy, Suspense } from 'react';
import type { MoreAction } from './MoreMenu';

const MoreMenu = lazy(() => import(/* webpackChunkName: "more", webpackPrefetch: true */ './MoreMenu'));

/** The less used actions, behind one labelled button next to the main one (Fluent's Menu loads after first paint). */
export function MoreActions({ items, label = 'More actions' }: { items: MoreAction[]; label?: string }) {
  if (items.length === 0) return null;
  return (
    <Suspense
      fallback={
        <Button appearance="subtle" aria-label={label} disabled>
          More…
        </Button>
      }
    >
      <MoreMenu items={items} label={label} />
    </Suspense>
  );
}
