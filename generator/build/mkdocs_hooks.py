"""The hooks file mkdocs.yml names: MkDocs' events, each handed to one SiteHooks object.

MkDocs loads this file by path, not as part of the package, so `import generator` only works if
the repository root is importable. The venv's .pth file normally sees to that; a copy of the
project built with another interpreter may lack it, so this falls back to the file's own checkout.
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import generator  # noqa: F401
except ImportError:  # pragma: no cover - depends on how Python was started
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.build.mkdocs_adapter import SiteHooks

# The one object that holds a build's state between events (found by mkdocs_adapter.site_hooks).
HOOKS = SiteHooks()

on_startup = HOOKS.on_startup
on_config = HOOKS.on_config
on_files = HOOKS.on_files
on_page_markdown = HOOKS.on_page_markdown
on_page_context = HOOKS.on_page_context
on_post_build = HOOKS.on_post_build
on_build_error = HOOKS.on_build_error
on_shutdown = HOOKS.on_shutdown
on_serve = HOOKS.on_serve
