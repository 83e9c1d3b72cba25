/**
 * Page walks that keep the platform busy: the request for the next page leaves as soon as the
 * current page's answer is in, so the platform prepares it while we normalise and write the current
 * one (a sequential walk leaves the platform idle for all of our work, and us idle for all of its).
 * At most one request runs ahead; the order of pages handed on is unchanged.
 */

/** Pages whose numbers are known in advance (back-to-front walks after the count call). */
export async function walkKnownPages<T>(pages: readonly number[], fetchPage: (n: number) => Promise<T>, handle: (page: T) => Promise<void>): Promise<void> {
  if (pages.length === 0) return;
  let next = fetchPage(pages[0]!);
  for (let i = 0; i < pages.length; i++) {
    const current = await next;
    if (i + 1 < pages.length) next = ahead(fetchPage(pages[i + 1]!));
    await handle(current);
  }
}

/** Forward walks where each answer says whether another page follows (has_next). */
export async function walkForward<T>(first: T, startAt: number, hasMore: (page: T, pageNo: number) => boolean, fetchPage: (n: number) => Promise<T>, handle: (page: T) => Promise<void>): Promise<void> {
  let current = first;
  for (let pageNo = startAt; ; pageNo++) {
    const more = hasMore(current, pageNo);
    const next = more ? ahead(fetchPage(pageNo + 1)) : null;
    await handle(current);
    if (!next) return;
    current = await next;
  }
}

/** A request running ahead may be abandoned when handling the current page fails: its failure must not go unhandled. */
function ahead<T>(request: Promise<T>): Promise<T> {
  request.catch(() => undefined);
  return request;
}

export function descending(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n >= to; n--) out.push(n);
  return out;
}
