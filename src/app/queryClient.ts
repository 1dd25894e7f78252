// The app's one query cache (@tanstack/solid-query) for answers the server gives rarely
// change: the upload service, room settings. Its own module so that app/files.ts stays free
// of it: the support widget uses files.ts and must not carry the query library.
import { QueryClient, useQuery } from '@tanstack/solid-query';
import { currentAccount, engineCall } from './session';

export const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 10 * 60_000, retry: 2 } },
});

/** The server's upload service and size limit (disco), shared by every composer on screen. */
export function useUploadService() {
  return useQuery(
    () => ({
      queryKey: ['uploadService', currentAccount()],
      queryFn: () => engineCall('uploadService'),
      enabled: currentAccount() !== null,
    }),
    () => queryClient,
  );
}
