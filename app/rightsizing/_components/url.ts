// URLs of the rightsizing pages: filters, sort and page live in the query string (shareable views).
type Params = Record<string, string | number | undefined>;

/** `base?k=v…` without empty values; `overrides` win, `undefined` removes a key. */
export function toHref(base: string, params: Params, overrides: Params = {}): string {
  const merged: Params = { ...params, ...overrides };
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${base}?${text}` : base;
}

export function toTeamPath(team: string): string {
  return `/rightsizing/${encodeURIComponent(team)}`;
}

/** A team table query as URL parameters, defaults left out so shared links stay short. */
export function toTableParams(q: {
  cluster?: string;
  environment?: string;
  flag?: string;
  change?: string;
  q?: string;
  sort: string;
  dir?: string;
  page: number;
  size: number;
}): Params {
  return {
    cluster: q.cluster,
    environment: q.environment,
    flag: q.flag,
    change: q.change,
    q: q.q,
    sort: q.sort === "savings" ? undefined : q.sort,
    dir: q.dir,
    page: q.page === 1 ? undefined : q.page,
    size: q.size === 50 ? undefined : q.size,
  };
}

/** A path segment as Next hands it over (encoded or not, depending on the character): decoded once, safely. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
