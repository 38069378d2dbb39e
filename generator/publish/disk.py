"""Every write the generator makes to disk, other than the pages MkDocs writes.

data/ files are replaced atomically (readers see the old file or the new one, never half), and a
build's downloads are written into a staging folder and moved into the site in one step each, so
a failed import or build leaves what was there before.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.errors import PublishError
from generator.publish.cells import Cell, field_names, render_csv


def write_text_atomic(path: Path, text: str) -> None:
    """Write text to path so readers see either the old file or the new one, never half of it."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, content: bytes) -> None:
    """Write bytes to path so readers see either the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp creates the file readable by its owner only; keep the mode the file had before.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_resource(
    path: Path, descriptor: Mapping[str, Any], resource: str, rows: Iterable[Mapping[str, Cell]]
) -> None:
    """Write a resource's rows to path as deterministic CSV, replacing the file atomically."""
    write_text_atomic(path, render_csv(field_names(descriptor, resource), rows))


def write_files(root: Path, files: Mapping[str, bytes]) -> None:
    """Write each file under root at its site path, making folders as needed."""
    folders: set[Path] = set()
    for path, content in files.items():
        target = root / path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(content)


def move_into(source: Path, target: Path) -> None:
    """Move everything under source into target, renaming whole folders wherever target lacks them.

    A file that already exists in target is an error: the build checks for clashes between
    content/ and the generated files before anything is written.
    """
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir()):
        destination = target / entry.name
        if not destination.exists():
            os.replace(entry, destination)
        elif entry.is_dir() and destination.is_dir():
            move_into(entry, destination)
        else:
            raise PublishError(f"{destination} was written twice: by MkDocs and as a download.")


def replace_directory(new: Path, target: Path) -> None:
    """Put new in target's place, keeping the old target until the new one is in."""
    if not target.exists():
        new.rename(target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=target.parent))
    old.rmdir()
    target.rename(old)
    try:
        new.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def rewrite_text(path: Path, change: Callable[[str], str]) -> None:
    """Replace a built text file's content with change(content), e.g. a style sheet's comments."""
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
