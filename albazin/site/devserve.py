"""What `mkdocs serve` does differently from `mkdocs build`, to serve an edited page sooner.

The serve command's server holds every request while a rebuild runs and answers only once the whole
rebuild has succeeded (MkDocs never shows a half-built or failed site; after a failure it waits for
the next good build). Two slow steps therefore move out of the way under `mkdocs serve`:

- The search index. Pagefind reads the finished pages of both languages and takes about 0.7 s. It
  runs in the background once the rebuild is done: the edited page is served at once and the search
  catches up a moment later. A new rebuild first stops an indexer still running (`settle`, from
  on_config): it would index pages about to be replaced, and must not read the site while it is rebuilt.
- The schema verdict. jing (a JVM, about 0.5 s for one edited file) keeps running while the pages
  are rendered from the model; on_env, the last event before MkDocs writes pages, waits for it and
  stops the rebuild if it fails (so does on_pre_build, before it writes any page stub into docs/).
  Under `mkdocs build` the verdict comes first, in on_config, before the site directory is touched.

`mkdocs build` and `albazin build` do both inside the build, as before: a built site is complete
and validated when the command returns.

The server also notices a saved file sooner: MkDocs polls the watched files every 0.5 s (0.25 s of
delay on average before a rebuild starts); `poll_faster` makes that 0.1 s. Polling stays (MkDocs
chose it over inotify because file-change events get lost on some file systems and editors); the
watched trees are small, so the extra polls cost nothing measurable.

A rebuild that fails leaves the last good site served, with the error shown (`keep_last_good`, from
on_serve). MkDocs alone stalls every request after a failed rebuild until a good one (its server
waits for the build it started), and a failure after MkDocs has cleaned the site directory (the
schema verdict in on_env, a template error, a strict-mode warning) would leave nothing to serve.
So each rebuild of a serve session is built into a staging directory beside the served one
(on_config points site_dir there: `staging_dir`) and swapped in only when it succeeded; the search
indexer is started after the swap. When a rebuild fails the staging directory is dropped, the
server is told the rebuild is over (so requests are answered at once, and the pages open in a
browser reload), and every HTML page it serves carries a banner with the diagnostics (escaped)
until a rebuild succeeds. Only the first build of a session has no good site before it: if it
fails, `mkdocs serve` stops with the diagnostics, as `mkdocs build` does.

State lives here, not in the hooks: MkDocs re-imports the hook file at every rebuild of a serve
session, but not the modules it imports, so this module (and `serving`) outlives the rebuilds.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger

from albazin.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, label
from albazin.render.render import h, serialize

if TYPE_CHECKING:  # the server and its watcher are imported by `mkdocs serve` only, not by every build
    from mkdocs.livereload import LiveReloadServer

POLL_SECONDS = 0.1
serving = False  # set once per process from the on_startup event


@dataclass
class _Background:
    process: subprocess.Popen
    thread: threading.Thread
    stopped: bool = False


_running: _Background | None = None
_log = get_plugin_logger("albazin")


@dataclass
class _Stage:
    """A rebuild under way into `staging`, to replace the served `root` if it succeeds."""
    root: Path
    staging: Path
    after: list[Callable[[], None]] = field(default_factory=list)  # run once it is swapped in
    error: str | None = None  # the first error this rebuild reported


_stage: _Stage | None = None
failure: str | None = None  # the diagnostics of the failed rebuild whose last good site is served


def started(command: str) -> None:
    """Record which MkDocs command runs this process ("build", "serve", "gh-deploy")."""
    global serving
    serving = command == "serve"


def after_rebuild(command: list[str], done: Callable[[subprocess.CompletedProcess, float], None]) -> None:
    """Run a command on the finished site in the background; `done` gets its result and duration,
    unless a new rebuild stopped it first. OSError if the command cannot be started. During a staged
    rebuild it starts once the rebuild has been swapped in (and not at all if the rebuild fails)."""
    if _stage is not None:
        _stage.after.append(lambda: _start(command, done))
        return
    _start(command, done)


def _start(command: list[str], done: Callable[[subprocess.CompletedProcess, float], None]) -> None:
    global _running
    settle()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def finish() -> None:
        out, err = process.communicate()
        if not background.stopped:
            done(subprocess.CompletedProcess(command, process.returncode, out, err), time.perf_counter() - start)

    background = _Background(process, threading.Thread(target=finish, name="albazin-after-rebuild", daemon=True))
    background.thread.start()
    _running = background


def settle() -> None:
    """Stop the previous rebuild's background command if it still runs, and wait until it has."""
    global _running
    if _running is not None:
        if _running.process.poll() is None:
            _running.stopped = True
            _running.process.terminate()
        _running.thread.join()
        _running = None


def poll_faster(server: LiveReloadServer, watched: Iterable[str]) -> LiveReloadServer:
    """Give the server a file watcher that polls every POLL_SECONDS. Called from on_serve, before
    the server starts its watcher; `watched` are the paths MkDocs has watched so far (the docs
    directory and mkdocs.yml). The paths of mkdocs.yml's `watch:` are added by MkDocs afterwards."""
    from watchdog.observers.polling import PollingObserver  # serve only: a build needs no watcher

    paths = [str(p) for p in watched if p]
    for path in paths:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    for path in paths:
        server.watch(path)
    return server


# --- the last good site ----------------------------------------------------------------------------

def staging_dir() -> Path | None:
    """Where the rebuild under way writes the site (on_config sets site_dir to it), or None."""
    return _stage.staging if _stage is not None else None


def published_dir(site_dir: Path) -> Path:
    """The directory the server serves once this build is swapped in (for the search indexer)."""
    return _stage.root if _stage is not None and site_dir == _stage.staging else site_dir


def build_failed(error: object) -> None:
    """The hooks' on_build_error: keep the first error of the rebuild (a language build inside
    another reports it again as a bare "Aborted")."""
    if _stage is not None and _stage.error is None:
        _stage.error = str(error)


def keep_last_good(server: LiveReloadServer) -> LiveReloadServer:
    """Make every rebuild staged, and a failed one leave the last good site served with its errors."""
    build = server.builder

    def staged_build() -> None:
        global _stage, failure
        root = Path(server.root)
        stage = _Stage(root, Path(tempfile.mkdtemp(prefix=f"{root.name}-next-", dir=root.parent)))
        _stage = stage
        try:
            build()
        except Exception as exc:  # MkDocs' Abort (a BuildError, strict warnings), a broken mkdocs.yml …
            failure = stage.error or str(exc) or type(exc).__name__
            _log.error(f"{exc} The last good build is served, with the errors shown, until a rebuild succeeds.")
            shutil.rmtree(stage.staging, ignore_errors=True)
            return  # the server's loop then treats the rebuild as done: requests are answered again
        finally:
            _stage = None
        _swap_in(stage)
        failure = None
        for action in stage.after:
            action()

    server.builder = staged_build
    server.set_app(_with_failure_banner(server.get_app()))
    return server


def _swap_in(stage: _Stage) -> None:
    """Replace the served directory by the new build (two renames: never a half-built site)."""
    settle()  # nothing may still read the old site
    old = stage.root.with_name(f"{stage.staging.name}-old")
    stage.root.rename(old)
    stage.staging.rename(stage.root)
    shutil.rmtree(old, ignore_errors=True)


BANNER_STYLE = ("position:sticky;top:0;z-index:1000;margin:0;padding:.8em 1em;"
                "background:var(--md-default-bg-color);color:var(--md-default-fg-color);"
                "border-bottom:3px solid var(--md-accent-fg-color);font:14px/1.4 system-ui,sans-serif")


def banner(errors: str, lang: str) -> bytes:
    """The notice at the top of every served page while the last good build stands in."""
    notice = h("div", {"role": "alert", "lang": lang, "class": "alb-serve-failed", "style": BANNER_STYLE},
               h("strong", None, label(lang, "serve_failed")),
               h("pre", {"style": "margin:.5em 0 0;white-space:pre-wrap;max-height:40vh;overflow:auto"}, errors))
    return serialize(notice).encode()


def _language(path: str) -> str:
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES else DEFAULT_LANGUAGE


def _with_failure_banner(app: Callable) -> Callable:
    """WSGI middleware: while a failure stands, HTML responses get the banner after <body>."""
    def serve(environ: dict, start_response: Callable) -> Iterable[bytes]:
        errors = failure
        if errors is None:
            return app(environ, start_response)
        answer: dict = {}

        def capture(status: str, headers: list, exc_info: object = None) -> Callable:
            answer["status"], answer["headers"] = status, headers
            return lambda data: None

        body_parts = app(environ, capture)
        try:
            body = b"".join(body_parts)
        finally:
            getattr(body_parts, "close", lambda: None)()
        headers = answer.get("headers", [])
        if any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
            start = body.find(b"<body")
            at = body.find(b">", start) + 1 if start >= 0 else 0
            body = body[:at] + banner(errors, _language(environ.get("PATH_INFO", ""))) + body[at:]
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
        start_response(answer.get("status", "500 Internal Server Error"), headers)
        return [body]
    return serve
