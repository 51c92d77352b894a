"""Every page a login can reach, found from the URL conf and the pages' own links (no hand-kept list).

- Every route of the URL conf without parameters is requested (admin, API, logout left out).
- Routes with parameters are reached by following the links of the pages already reached, so they are
  filled with the fixture's own objects (a case of the login's department, a draft briefing, …).
- A page is one that answers 200 with HTML to a GET, shown in the browser (not an attachment); downloads,
  POST-only actions and refusals are not.

``reachable(client)`` returns {route pattern: one path}, one path per pattern.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import URLPattern, URLResolver, Resolver404, get_resolver, resolve

SKIP = ("admin/", "api/", "accounts/logout/", "static/", "media/")
TRIES_PER_ROUTE = 4  # instances of a parametrised route tried before giving up on it for this login


def routes(patterns=None, prefix: str = "") -> list[str]:
    """Every route of the URL conf as one string, e.g. "briefing/<int:pk>/"."""
    out = []
    for p in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(p.pattern)
        if route.startswith(SKIP):
            continue
        if isinstance(p, URLResolver):
            out += routes(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            out.append(route)
    return out


def has_parameters(route: str) -> bool:
    return "<" in route or bool(re.search(r"[\^$()\[\]\\?*+]", route))


def fixed_paths() -> list[str]:
    """The routes without parameters, as paths."""
    return ["/" + r for r in routes() if not has_parameters(r)]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href and not href.startswith(("mailto:", "tel:", "javascript:", "#")):
                self.hrefs.append(href)


def links(html: str, base: str) -> list[str]:
    """Same-site paths linked from a page (query and fragment dropped)."""
    parser = _Links()
    parser.feed(html)
    out = []
    for href in parser.hrefs:
        url = urlsplit(urljoin(base, href))
        if url.scheme in ("", "http", "https") and url.netloc in ("", "testserver"):
            out.append(url.path)
    return out


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    route = match.route
    return None if route.startswith(SKIP) else route


def reachable(client) -> dict[str, str]:
    """{route: path} of every page ``client``'s login can open."""
    queue, found, tried = ["/"] + fixed_paths(), {}, {}
    while queue:
        path = queue.pop(0)
        route = route_of(path)
        if route is None or route in found or tried.get(route, 0) >= TRIES_PER_ROUTE:
            continue
        tried[route] = tried.get(route, 0) + 1
        r = client.get(path)
        if (r.status_code != 200 or not r.get("Content-Type", "").startswith("text/html") or r.streaming
                or r.get("Content-Disposition", "").startswith("attachment")):
            continue
        found[route] = path
        queue += [p for p in links(r.content.decode("utf-8", errors="ignore"), path) if route_of(p) not in found]
    return found
