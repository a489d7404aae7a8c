"""How `mkdocs serve` notices a save: file-system events instead of polling.

MkDocs' live-reload server watches the docs, mkdocs.yml and the theme's folders with watchdog's
*polling* observer: every half second it lists and stats every watched file (Material's thousands of
icons included), so a save waits a quarter of a second on average before the rebuild even starts,
and the polling takes processor time from the rebuild. watchdog's native observer (inotify on Linux,
FSEvents on macOS, ReadDirectoryChangesW on Windows) is told of a save at once. MkDocs keeps the
observer in `server.observer`, and schedules a path on it in `server.watch(path)`; the paths are
scheduled again on a native observer. When anything about the server is not as expected, or the
system refuses the native watches (an inotify limit reached), the polling observer stays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def watch_with_events(server: Any, on_event: Callable[[Any], None] | None = None) -> bool:
    """Make `server` (MkDocs' LiveReloadServer, before it starts) watch through file-system events,
    each also handed to `on_event` (before the server hears of it). Returns whether it does."""
    try:
        from watchdog import events
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return False
    # What the polling observer reports (a file made, changed, deleted or moved, and folders),
    # and a write closed or a `touch`. Not a file opened or closed after reading: the build reads
    # every page, and MkDocs rebuilds on any event it hears, so it would rebuild for ever.
    saves = [getattr(events, name) for name in (
        "FileCreatedEvent", "FileModifiedEvent", "FileDeletedEvent", "FileMovedEvent",
        "FileClosedEvent", "FileAttribEvent", "DirCreatedEvent", "DirModifiedEvent",
        "DirDeletedEvent", "DirMovedEvent") if hasattr(events, name)]

    class Told(events.FileSystemEventHandler):  # type: ignore[misc, name-defined]
        """The server's own handler, with `on_event` told of each event first."""

        def __init__(self, handler: Any) -> None:
            self.handler = handler

        def dispatch(self, event: Any) -> None:
            on_event(event)
            self.handler.dispatch(event)

    class SavesObserver(Observer):  # type: ignore[misc, valid-type]
        def schedule(self, event_handler: Any, path: Any, **kwargs: Any) -> Any:
            kwargs["event_filter"] = kwargs.get("event_filter") or saves
            handler = event_handler if on_event is None else Told(event_handler)
            return super().schedule(handler, path, **kwargs)

    paths = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    old = getattr(server, "observer", None)
    if not isinstance(paths, dict) or not isinstance(refs, dict) or old is None \
            or Observer is PollingObserver or old.is_alive():
        return False
    watched, scheduled = dict(paths), dict(refs)
    native = SavesObserver()
    try:
        server.observer = native
        paths.clear()
        refs.clear()
        for path, count in watched.items():
            for _ in range(count):
                server.watch(path)
    except OSError:  # the system's limit on watches: poll as MkDocs does (its watches are intact)
        server.observer = old
        paths.clear()
        paths.update(watched)
        refs.clear()
        refs.update(scheduled)
        return False
    return True
