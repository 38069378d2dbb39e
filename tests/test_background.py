"""Work in a second process: values and results come back, failures are reported, not lost."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from generator.build.worker import (
    PARALLEL_SWITCH,
    Background,
    Send,
    can_fork,
    parallel_allowed,
)
from generator.errors import WorkerError

ROOT = Path(__file__).resolve().parents[1]
BOTH = pytest.mark.parametrize("parallel", [True, False], ids=["worker", "in-process"])


def test_this_machine_can_fork() -> None:
    # Every other parallel test would silently run in-process where fork is missing.
    assert can_fork(), "the build's worker process needs fork (Linux, macOS)"


@BOTH
def test_values_sent_early_and_the_result_come_back(parallel: bool) -> None:
    def work(send: Send) -> list[int]:
        send("first", {"a": 1})
        send("second", (2, 3))
        return [os.getpid()]

    task: Background[list[int]] = Background("counting", work, parallel=parallel)
    assert task.parallel is parallel
    assert task.wait_for("second") == (2, 3)
    assert task.wait_for("first") == {"a": 1}
    (pid,) = task.result()
    assert (pid != os.getpid()) is parallel


@BOTH
def test_an_error_in_the_work_is_raised_by_result(parallel: bool) -> None:
    def work(send: Send) -> None:
        send("before", 1)
        raise ValueError("the figures do not add up")

    task: Background[None] = Background("adding up", work, parallel=parallel)
    assert task.wait_for("before") == 1
    with pytest.raises((ValueError, WorkerError), match="the figures do not add up"):
        task.result()


@BOTH
def test_waiting_for_a_value_never_sent_says_so(parallel: bool) -> None:
    task: Background[int] = Background("quiet work", lambda send: 7, parallel=parallel)
    with pytest.raises(WorkerError, match="quiet work finished without sending 'sizes'"):
        task.wait_for("sizes")
    assert task.result() == 7


def test_a_result_that_cannot_cross_processes_is_reported() -> None:
    task: Background[Any] = Background("locking", lambda send: threading.Lock(), parallel=True)
    with pytest.raises(WorkerError, match="(?s)locking failed:.*cannot pickle"):
        task.result()


def test_a_worker_killed_midway_is_reported_not_awaited_forever() -> None:
    def work(send: Send) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    task: Background[None] = Background("doomed", work, parallel=True)
    with pytest.raises(WorkerError, match="stopped without a result"):
        task.result()


def test_cancel_stops_a_running_worker() -> None:
    def work(send: Send) -> None:
        send("pid", os.getpid())
        threading.Event().wait(60)

    task: Background[None] = Background("waiting", work, parallel=True)
    pid = task.wait_for("pid")
    task.cancel()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


@pytest.mark.parametrize(("value", "allowed"), [("0", False), (" 0 ", False), ("1", True)])
def test_the_switch_keeps_builds_in_one_process(
    monkeypatch: pytest.MonkeyPatch, value: str, allowed: bool
) -> None:
    monkeypatch.setenv(PARALLEL_SWITCH, value)
    assert parallel_allowed() is allowed


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            check=True)
    return set(result.stdout.split())


def test_the_build_process_does_not_import_the_validators_heavy_libraries() -> None:
    # Validation runs in the worker; importing pandas and frictionless (about 0.3 s) in the
    # process that renders pages would put them back on every build's critical path.
    loaded = _modules_after("import generator.build.mkdocs_hooks")
    assert not {"pandas", "frictionless", "numpy"} & loaded
    assert "pandas" in _modules_after("import generator.validation.runner")




def test_a_worker_is_never_held_up_by_values_not_yet_asked_for() -> None:
    # A pipe holds 64 KB. Page bodies run to megabytes, and this process asks for them only as
    # it renders each page: unless the pipe is drained meanwhile, the worker would stop at its
    # first large send and do none of its other work until then.
    finished = multiprocessing.get_context("fork").Event()

    def work(send: Send) -> None:
        for index in range(8):
            send(f"bodies {index}", "x" * 1_000_000)
        finished.set()

    task: Background[None] = Background("sending", work, parallel=True)
    # Nothing has been asked for yet: the worker must still get to the end of its work.
    assert finished.wait(timeout=60), "the worker was blocked by values this process had not read"
    assert len(task.wait_for("bodies 7")) == 1_000_000
    task.result()
