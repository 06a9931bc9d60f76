/**
 * Page loads: network first, so a deployed update shows at once; the cached index.html when the
 * network fails, or is slower than NAVIGATION_TIMEOUT_MS (lecture-hall Wi-Fi).
 */
import { CACHE } from './buildCache';
import { isolated } from './isolation';
import { urls } from './scope';

const NAVIGATION_TIMEOUT_MS = 3000;

export async function navigate(request: Request): Promise<Response> {
  const network = fetch(request);
  const cached = caches.match(urls.index, { cacheName: CACHE, ignoreVary: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(resolve, NAVIGATION_TIMEOUT_MS, 'timeout');
  });
  try {
    const first = await Promise.race([network, timeout]);
    if (first !== 'timeout') return isolated(first);
    // Slow network: the cached shell, or keep waiting if there is none.
    return isolated((await cached) ?? (await network));
  } catch {
    const fallback = await cached;
    if (fallback) return isolated(fallback);
    throw new Error('offline and no cached copy of the app');
  } finally {
    clearTimeout(timer);
  }
}
