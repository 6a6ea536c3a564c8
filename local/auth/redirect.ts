import net from "node:net";

// internal/utilities/request.go
const DECIMAL_IP_ADDRESS = /^[0-9]+$/;
const REGULAR_HOSTNAME = /^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$/;

/** isLocalhost (supabase/auth internal/utilities/url_validator.go). */
function isLocalhost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return ["localhost", "127.0.0.1", "::1", "0.0.0.0", "::"].includes(h) || h.endsWith(".localhost");
}

/** net.IP.IsLoopback: 127.0.0.0/8 (also IPv4-mapped) and ::1. */
function isLoopbackIp(ip: string): boolean {
  const v4 = /^(?:::ffff:)?(\d+)\.\d+\.\d+\.\d+$/i.exec(ip);
  if (v4) return v4[1] === "127";
  return loopback6.check(ip, "ipv6");
}
const loopback6 = (() => {
  const list = new net.BlockList();
  list.addAddress("::1", "ipv6");
  return list;
})();

interface Parsed {
  scheme: string;
  /** Go's URL.Hostname(): the host without port or IPv6 brackets. */
  hostname: string;
  port: string;
}

/**
 * The parts GoTrue's url.Parse yields, for an absolute URL both Go and WHATWG read alike. Where the
 * two would disagree on the host (a decimal or hex IPv4, an IDN, a backslash), the URL is refused:
 * GoTrue would judge one host and the browser visit another.
 */
function parse(raw: string): Parsed | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const authority = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/([^/?#\\]*)/.exec(raw)?.[1];
  if (authority === undefined) return undefined;
  const hostPort = authority.slice(authority.lastIndexOf("@") + 1);
  const bracketed = /^\[([^\]]*)\](?::(\d*))?$/.exec(hostPort);
  const [hostname, port] = bracketed ? [bracketed[1]!, bracketed[2] ?? ""] : [hostPort.replace(/:\d*$/, ""), /:(\d*)$/.exec(hostPort)?.[1] ?? ""];
  const whatwgHost = url.hostname.replace(/^\[|\]$/g, "");
  if (hostname.toLowerCase() !== whatwgHost.toLowerCase()) return undefined;
  return { scheme: url.protocol.slice(0, -1).toLowerCase(), hostname, port };
}

/**
 * A URI allow-list entry as GoTrue compiles it: glob.MustCompile(uri, '.', '/') (github.com/gobwas/glob;
 * internal/conf/configuration.go ApplyDefaults). `*` and `?` stop at "." and "/", `**` does not;
 * `{a,b}` alternatives, `[abc]`, `[!abc]` and `[a-z]` classes, `\` escapes.
 */
export function compileGlob(pattern: string): RegExp {
  let re = "";
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) re += escape(pattern[++i]!);
    else if (c === "*" && pattern[i + 1] === "*") {
      re += ".*";
      i++;
    } else if (c === "*") re += "[^./]*";
    else if (c === "?") re += "[^./]";
    else if (c === "{") {
      re += "(?:";
      depth++;
    } else if (c === "}" && depth > 0) {
      re += ")";
      depth--;
    } else if (c === "," && depth > 0) re += "|";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) throw new Error(`unexpected end of glob class in ${pattern}`);
      const body = pattern.slice(i + 1, end);
      const negated = body.startsWith("!");
      re += `[${negated ? "^" : ""}${(negated ? body.slice(1) : body).replace(/[\]\\^]/g, "\\$&")}]`;
      i = end;
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`, "s");
}
const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * GoTrue's IsRedirectURLValid (supabase/auth internal/utilities/request.go), used by GetReferrer: a
 * `redirect_to` is honoured when it goes back to the site (same scheme and host; the port may differ
 * only on a localhost host), when its host is a loopback IP, or when it matches an entry of the
 * allow list (`additional_redirect_urls`) as a glob, fragment left out. `localhost` by name is not a
 * loopback IP: it needs the allow list unless the site itself is on it. Anything else falls back to
 * the site URL.
 */
export function isRedirectUrlValid(redirectTo: string, siteUrl: string, allowList: readonly string[]): boolean {
  if (redirectTo === "") return false;
  const target = parse(redirectTo);
  const site = parse(siteUrl);
  if (!target || !site) return false;

  if (target.hostname === site.hostname && target.scheme === site.scheme && (target.port === site.port || isLocalhost(target.hostname))) {
    return true;
  }
  const isHttp = target.scheme === "http" || target.scheme === "https";
  if (DECIMAL_IP_ADDRESS.test(target.hostname)) return false;
  if (net.isIP(target.hostname) !== 0) return isLoopbackIp(target.hostname);
  if (isHttp && !REGULAR_HOSTNAME.test(target.hostname)) return false;

  const withoutFragment = redirectTo.split("#")[0]!;
  return allowList.some((allowed) => compileGlob(allowed).test(withoutFragment));
}
