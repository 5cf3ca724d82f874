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

`mkdocs build` and `scripts.build` do both inside the build, as before: a built site is complete
and validated when the command returns.

The server also notices a saved file sooner: MkDocs polls the watched files every 0.5 s (0.25 s of
delay on average before a rebuild starts); `poll_faster` makes that 0.1 s. Polling stays (MkDocs
chose it over inotify because file-change events get lost on some file systems and editors); the
watched trees are small, so the extra polls cost nothing measurable.

State lives here, not in the hooks: MkDocs re-imports the hook file at every rebuild of a serve
session, but not the modules it imports, so this module (and `serving`) outlives the rebuilds.
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

POLL_SECONDS = 0.1
serving = False  # set once per process from the on_startup event


@dataclass
class _Background:
    process: subprocess.Popen
    thread: threading.Thread
    stopped: bool = False


_running: _Background | None = None


def started(command: str) -> None:
    """Record which MkDocs command runs this process ("build", "serve", "gh-deploy")."""
    global serving
    serving = command == "serve"


def after_rebuild(command: list[str], done: Callable[[subprocess.CompletedProcess, float], None]) -> None:
    """Run a command on the finished site in the background; `done` gets its result and duration,
    unless a new rebuild stopped it first. OSError if the command cannot be started."""
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
    paths = [str(p) for p in watched if p]
    for path in paths:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    for path in paths:
        server.watch(path)
    return server
