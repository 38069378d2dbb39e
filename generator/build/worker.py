"""Run one piece of a build in a second process while this one carries on.

A build spends most of its time in MkDocs rendering pages, one after another, on one core. Work
that MkDocs does not do itself (checking the data, rendering the measures' page bodies, writing
the CSV and JSON downloads) can run on another core meanwhile. The child is a fork of this
process, so it starts with everything already loaded and nothing is pickled on the way in; what
it sends back (a report, file sizes, page bodies, a file list) is pickled through a pipe.

Where fork is unavailable (Windows) or unwise (``mkdocs serve`` runs its builds beside a web
server thread), the same work runs in this process instead, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from generator.errors import WorkerError

T = TypeVar("T")  # what the work returns

# Keys of the messages that end the work; anything else is a value sent on the way.
_DONE, _FAILED = "\0done", "\0failed"

# What the work is given to hand values over before it has finished: send(key, value).
Send = Callable[[str, Any], None]

# Set to 0 to keep a build in one process (to compare timings, or where forking misbehaves).
PARALLEL_SWITCH = "GENERATOR_PARALLEL"


def parallel_allowed() -> bool:
    """Return whether builds may use a second process: the platform can fork, and the
    GENERATOR_PARALLEL environment variable does not say 0."""
    return can_fork() and os.environ.get(PARALLEL_SWITCH, "1").strip() != "0"


def can_fork() -> bool:
    """Return whether this platform can start a worker by forking."""
    return "fork" in multiprocessing.get_all_start_methods()


class Background(Generic[T]):
    """Work started now, whose result is collected later with result().

    ``work`` is called with one argument, ``send(key, value)``, with which it can hand values
    over as soon as each is ready (read with wait_for(key)), in the order it sends them.
    """

    def __init__(self, name: str, work: Callable[[Send], T], *, parallel: bool) -> None:
        self._name = name
        self._messages: dict[str, Any] = {}
        self._arrived = threading.Condition()
        self._error: BaseException | None = None
        self._process: Any = None
        self._reader: threading.Thread | None = None
        if parallel and can_fork():
            context = multiprocessing.get_context("fork")
            receiver, sender = context.Pipe(duplex=False)
            # daemon: if this process dies, the worker is stopped rather than left running.
            self._process = context.Process(target=_run_child, args=(work, sender),
                                            name=f"generator {name}", daemon=True)
            self._process.start()
            sender.close()  # the child holds the only writing end, so its exit ends the pipe
            # A pipe holds 64 KB: unread, a worker sending page bodies would stop at each send
            # until this process asked for them. A thread reads every message as it comes.
            self._reader = threading.Thread(target=self._read, args=(receiver,),
                                            name=f"generator {name} reader", daemon=True)
            self._reader.start()
            return
        try:
            self._messages[_DONE] = work(self._messages.__setitem__)
        except Exception as error:  # raised again by result(), where a worker's would be
            self._error = error

    @property
    def parallel(self) -> bool:
        """Return whether the work runs in another process."""
        return self._process is not None

    def wait_for(self, key: str) -> Any:
        """Return the value the work sent under key, waiting for it if need be."""
        self._wait(key)
        if key not in self._messages:
            self.result()  # raises the work's own error, if that is why it never came
            raise WorkerError(f"{self._name} finished without sending '{key}'")
        return self._messages[key]

    def result(self) -> T:
        """Return what the work returned, waiting for it to finish; raise if it failed."""
        self._wait(_DONE)
        self._join()
        if self._error is not None:
            raise self._error
        if _FAILED in self._messages:
            raise WorkerError(f"{self._name} failed:\n{self._messages[_FAILED]}")
        value: T = self._messages[_DONE]
        return value

    def cancel(self) -> None:
        """Stop the work if it is still running (a failed build does not wait for it)."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
        self._join()

    def _wait(self, key: str) -> None:
        """Wait until key has arrived or the work has ended (in-process work has always ended)."""
        if self._reader is None:
            return
        with self._arrived:
            self._arrived.wait_for(lambda: bool({key, _DONE, _FAILED} & self._messages.keys()))

    def _read(self, receiver: Connection) -> None:
        """Store every message from the worker until it ends (runs in the reader thread)."""
        try:
            while True:
                try:
                    kind, value = receiver.recv()
                except (EOFError, OSError):
                    self._process.join()
                    kind, value = _FAILED, ("the worker process stopped without a result "
                                            f"(exit code {self._process.exitcode})")
                with self._arrived:
                    self._messages.setdefault(kind, value)
                    self._arrived.notify_all()
                if kind in (_DONE, _FAILED):
                    return
        finally:
            receiver.close()

    def _join(self) -> None:
        if self._reader is not None:
            self._reader.join()
        if self._process is not None:
            self._process.join()


def _run_child(work: Callable[[Send], Any], sender: Connection) -> None:
    """Run the work in the forked child and send back what it sends, returns or raises."""
    try:
        # A value that cannot be pickled fails here too, and is reported like any other error.
        sender.send((_DONE, work(lambda key, value: sender.send((key, value)))))
    except BaseException:  # noqa: BLE001 - every failure must reach the parent as text
        sender.send((_FAILED, traceback.format_exc()))
    finally:
        sender.close()
