"""What `mkdocs serve` does differently from `mkdocs build`, to serve an edited page sooner.

The serve command's server holds every request while a rebuild runs and answers only once the whole
rebuild has succeeded (MkDocs never shows a half-built or failed site; after a failure it waits for
the next good build). Two slow steps therefore move out of the way under `mkdocs serve`:

- The search index. Pagefind reads the finished pages of both languages and takes about 0.7 s. It
  runs in a thread once the rebuild is done: the edited page is served at once and the search
  catches up a moment later. The next rebuild waits for that thread before it touches the site
  (`settle`, from on_config).
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

import threading
from collections.abc import Callable, Iterable

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

POLL_SECONDS = 0.1
serving = False  # set once per process from the on_startup event
_pending: threading.Thread | None = None


def started(command: str) -> None:
    """Record which MkDocs command runs this process ("build", "serve", "gh-deploy")."""
    global serving
    serving = command == "serve"


def after_rebuild(task: Callable[[], None]) -> None:
    """Run a task of a finished rebuild in the background (one at a time)."""
    global _pending
    settle()
    _pending = threading.Thread(target=task, name="albazin-after-rebuild", daemon=True)
    _pending.start()


def settle() -> None:
    """Wait until the background task of the previous rebuild, if any, has finished."""
    global _pending
    if _pending is not None:
        _pending.join()
        _pending = None


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
