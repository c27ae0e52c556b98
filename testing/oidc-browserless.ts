// Walks a sign-in through the test provider's login form with plain HTTP, as a browser would (cookies, redirects,
// the form post), and returns the URL the provider sends the browser back to: Costwise's callback with the code.
export async function loginAtProvider(opts: {
  authorizeUrl: string;
  login: string;
  /** The callback's origin: stop when the provider redirects there. */
  appUrl: string;
}): Promise<string> {
  const jar = new Map<string, string>();
  let url = opts.authorizeUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const res = await fetch(url, {
      method: body ? "POST" : "GET",
      body,
      redirect: "manual",
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair] = set.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    body = undefined;
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url).href;
      if (url.startsWith(opts.appUrl)) return url;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action)
      throw new Error(`Unexpected answer ${res.status} at ${url}: ${html.slice(0, 300)}`);
    url = new URL(action.replaceAll("&amp;", "&"), url).href;
    body = new URLSearchParams({ prompt: "login", login: opts.login, password: "any" });
  }
  throw new Error("The provider never redirected back");
}
