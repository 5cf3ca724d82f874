"""The edition's public address: one setting, `SITE_URL` (read by mkdocs.yml through MkDocs' `!ENV`).

Every absolute URL the site hands out (permalinks, citations, BibTeX/RIS, metadata tags, JSON-LD,
the sitemap, the corpus zip's README, printed URLs) starts with it. Unset, it is the loopback
address of `make serve` and the tests; a release (`make release`) refuses to run without it.
A malformed value stops the build with one message naming the value and the problem.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

ENV = "SITE_URL"
DEFAULT = "http://127.0.0.1:8000/"
_LOOPBACK = re.compile(r"^(localhost|127(\.\d{1,3}){3}|::1)$", re.I)
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^{_LABEL}(?:\.{_LABEL})*$", re.I)
_PATH = re.compile(r"^[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$")


class SiteUrlError(ValueError):
    """SITE_URL is malformed, or missing where a public address is required."""

    def __str__(self) -> str:
        return f"error: {self.args[0]} [site-url]"


def check(value: str) -> str:
    """The address as the site uses it (always ending in "/"), or SiteUrlError naming the problem."""
    shown = f'{ENV}="{value}"'
    if value != value.strip() or any(ord(c) < 33 or ord(c) == 127 for c in value):
        raise SiteUrlError(f"{shown} contains spaces or control characters")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise SiteUrlError(f"{shown} is not a URL ({exc})") from None
    if not parts.scheme or "://" not in value:
        raise SiteUrlError(f"{shown} has no scheme: write the full address, e.g. https://host/path/")
    if parts.scheme.lower() not in ("http", "https"):
        raise SiteUrlError(f'{shown} has the scheme "{parts.scheme}": the site is published over http or https')
    if parts.username is not None or parts.password is not None:
        raise SiteUrlError(f"{shown} contains a user name or password")
    if not parts.hostname or not _valid_host(parts.hostname):
        raise SiteUrlError(f"{shown} has no valid host name")
    if parts.query or value.endswith("?"):
        raise SiteUrlError(f"{shown} has a query string: the address of a site cannot carry one")
    if parts.fragment or "#" in value:
        raise SiteUrlError(f"{shown} has a fragment (#…): the address of a site cannot carry one")
    if not _PATH.match(parts.path) or "/../" in f"{parts.path}/" or "/./" in f"{parts.path}/":
        raise SiteUrlError(f"{shown} has an unusable path")
    del port  # parsed only to reject a non-numeric port
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"


def _valid_host(host: str) -> bool:
    if ":" in host:  # an IPv6 literal, written in brackets
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    return bool(_HOST.match(host))


def is_loopback(url: str) -> bool:
    return bool(_LOOPBACK.match(urlsplit(url).hostname or ""))


def from_environment(environ: Mapping[str, str] | None = None, *, required: bool = False) -> str:
    """The checked SITE_URL of this process; `required` (a release): it must be set, and public."""
    environ = os.environ if environ is None else environ
    value = environ.get(ENV)
    if value is None or value == "":
        if required:
            raise SiteUrlError(f"{ENV} is not set: a release needs the public address of the edition, "
                               f"e.g. {ENV}=https://host/path/ make release")
        return DEFAULT
    url = check(value)
    if required and is_loopback(url):
        raise SiteUrlError(f'{ENV}="{value}" is a loopback address: a release is cited by everyone, '
                           "so it needs the public address")
    return url
