import { useEffect, useState } from 'react';
import { errorText } from '../../api';
import { fetchCatalogue, fetchMembers, type CatalogueItem, type MemberSummary } from './api';
import { loadCatalogue, loadMembers, saveCatalogue, saveMembers } from './store';

interface Cached<T> {
  items: T[];
  savedAt: string | null;
  error: string | null;
}

/**
 * A list the till needs offline: what IndexedDB has at once, then the server's (saved for the
 * next time) whenever the till is online. A failed refresh keeps the saved list.
 */
function useCachedList<T>(
  key: string | null,
  load: () => Promise<{ items: T[]; savedAt: string } | null>,
  fetchFresh: () => Promise<T[]>,
  save: (items: T[]) => Promise<void>,
  online: boolean,
): Cached<T> {
  const [state, setState] = useState<Cached<T>>({ items: [], savedAt: null, error: null });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    void (async () => {
      const saved = await load();
      if (live && saved) setState({ items: saved.items, savedAt: saved.savedAt, error: null });
      if (!online) return;
      try {
        const items = await fetchFresh();
        await save(items);
        if (live) setState({ items, savedAt: new Date().toISOString(), error: null });
      } catch (e) {
        if (live) setState((s) => ({ ...s, error: errorText(e, 'network') }));
      }
    })();
    return () => {
      live = false;
    };
    // load/fetch/save are rebuilt each render from key's parts; key names what they read
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, online]);
  return state;
}

/** The outlet's catalogue (every active product, its units and barcodes), cached for offline sales. */
export const useCatalogue = (orgId: string, outletId: string | null, online: boolean) =>
  useCachedList<CatalogueItem>(
    outletId === null ? null : `${orgId}:${outletId}`,
    () => loadCatalogue(orgId, outletId ?? ''),
    () => fetchCatalogue(orgId, outletId ?? ''),
    (items) => saveCatalogue(orgId, outletId ?? '', items),
    online,
  );

/** The active members (number and name), cached so the member price applies offline too. */
export const useMemberList = (orgId: string, online: boolean) =>
  useCachedList<MemberSummary>(
    orgId,
    () => loadMembers(orgId),
    () => fetchMembers(orgId),
    (items) => saveMembers(orgId, items),
    online,
  );
