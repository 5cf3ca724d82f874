"""A built site served on 127.0.0.1 (a port of its own) for the browser benchmarks.

Text files are sent gzip-compressed to clients that accept it, as any real host does: Lighthouse
times the transfer over a simulated mobile network, so an uncompressed server would measure the
server, not the site.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    _cache: ClassVar[dict[tuple[str, float], bytes]] = {}  # compressed bodies, shared by the threads

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> io.BytesIO | object | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash-terminated URL
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        stat = path.stat()
        key = (str(path), stat.st_mtime)
        if key not in self._cache:
            self._cache[key] = gzip.compress(path.read_bytes(), 6)
        body = self._cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serving(site: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _Handler) -> Iterator[str]:
    """The site's base URL while the block runs (site_url's path is /, so the site is served at the root).
    The tests serve through here too, with their own handler (tests/conftest.py)."""
    handler = functools.partial(handler_class, directory=os.fspath(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
