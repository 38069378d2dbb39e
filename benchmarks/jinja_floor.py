"""Plain-jinja2 lower bound, run in its own process: ``python -m benchmarks.jinja_floor``.

Arguments: TREE PAGES_FILE REPEATS OUT_DIR. Runs the project's pipeline and page contexts once
(timing each stage), then renders every page listed in PAGES_FILE to OUT_DIR with plain jinja2,
REPEATS times, and prints the timings as one line of JSON. A separate process keeps the
benchmark runner small, so the peak RSS of the builds it starts later is their own.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from benchmarks.stages import StagedPipeline, StageTime, run_stages

# The page shell: what MkDocs' theme would wrap around each body, reduced to the minimum.
SHELL_TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title>
<link rel="stylesheet" href="/assets/site.css"></head>
<body><main><h1>{{ title }}</h1>
{{ body }}
</main></body></html>
"""
MINIMAL_BODY = """{% for paragraph in paragraphs %}<p>{{ paragraph }}</p>
{% endfor %}{% if rows %}<table><caption>{{ title }}</caption>
<thead><tr><th scope="col">Period</th><th scope="col">Value</th></tr></thead><tbody>
{% for row in rows %}<tr><th scope="row">{{ row[0] }}</th><td>{{ row[1] }}</td></tr>
{% endfor %}</tbody></table>{% endif %}"""

# page path -> (title, body HTML): one call renders one page's body.
Renderer = Callable[[str], tuple[str, str]]


def _environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def page_url(page: str) -> str:
    """Return the site path of a built page, e.g. 'indicators/x/index.html' -> 'indicators/x/'."""
    return page[: -len("index.html")] if page.endswith("index.html") else page


def content_keys(page: str) -> tuple[str, ...]:
    """Return the content/ paths that a built page may have come from."""
    url = page_url(page).rstrip("/")
    return ("index.md",) if not url else (f"{url}.md", f"{url}/index.md")


def project_renderer(tree: Path, staged: StagedPipeline) -> tuple[Renderer, str]:
    """Return a renderer that uses the project's own page contexts and body templates."""
    from generator.present.render import make_environment, render_body

    templates_dir = staged.settings.templates_dir
    if not (templates_dir / "generated").is_dir():
        raise FileNotFoundError(f"{templates_dir / 'generated'} does not exist")
    contexts = staged.contexts
    env = make_environment(templates_dir)

    def render(page: str) -> tuple[str, str]:
        key = next((key for key in content_keys(page) if key in contexts), None)
        if key is None:
            return Path(page_url(page)).name or "Home", "<p>A page of the site.</p>"
        context = contexts[key]
        return str(getattr(context, "title", key)), str(render_body(env, context, page_url(page)).html)

    return render, "the project's page contexts and body templates (generator.present)"


def minimal_renderer(tree: Path) -> Renderer:
    """Return a renderer with a minimal template: each measure's definition and home series."""
    from generator.package.load import load_package

    package = load_package(tree / "data")
    home = package.home_area.id
    series: dict[str, list[tuple[str, str]]] = {}
    for obs in package.observations:
        if obs.area == home and obs.breakdown == "all":
            shown = "[c]" if obs.value is None else f"{obs.value:,}"
            series.setdefault(obs.indicator, []).append((obs.period.label, shown))
    indicators = {indicator.id: indicator for indicator in package.indicators}
    body = _environment().from_string(MINIMAL_BODY)

    def render(page: str) -> tuple[str, str]:
        parts = Path(page).parts
        indicator = indicators.get(parts[-2]) if len(parts) >= 2 else None
        if indicator is None:
            title = Path(page_url(page)).name or "Home"
            return title, body.render(title=title, paragraphs=["A page of the site."], rows=[])
        return indicator.title, body.render(title=indicator.title,
                                            paragraphs=[indicator.definition, indicator.method],
                                            rows=series.get(indicator.id, []))

    return render


def measure(tree: Path, pages: Sequence[str], repeats: int, out: Path) -> dict[str, Any]:
    """Prepare the page contexts once, then render and write every page `repeats` times."""
    started, cpu_started = time.perf_counter(), time.process_time()
    stages: tuple[StageTime, ...] = ()
    try:
        staged = run_stages(tree)
        stages = staged.stages
        render, note = project_renderer(tree, staged)
    except (ImportError, AttributeError, TypeError, FileNotFoundError, jinja2.TemplateError) as error:
        render = minimal_renderer(tree)
        note = f"a minimal template (the project's page renderer is not usable: {error})"
    prepare, prepare_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    shell = _environment().from_string(SHELL_TEMPLATE)
    runs: list[float] = []
    cpu_runs: list[float] = []
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        for page in pages:
            title, body = render(page)
            target = out / page
            target.parent.mkdir(parents=True, exist_ok=True)
            # The body comes from an autoescaping environment, so it is already safe HTML.
            target.write_text(shell.render(title=title, body=Markup(body)), encoding="utf-8")  # noqa: S704
        runs.append(time.perf_counter() - started)
        cpu_runs.append(time.process_time() - cpu_started)
        shutil.rmtree(out)
    return {
        "prepare_seconds": prepare,
        "prepare_cpu_seconds": prepare_cpu,
        "render_runs": runs,
        "render_cpu_runs": cpu_runs,
        "note": note,
        "stages": [dataclasses.asdict(stage) for stage in stages],
    }


def main(argv: Sequence[str]) -> int:
    """Run the measurement described by the command-line arguments and print it as JSON."""
    tree, pages_file, repeats, out = argv
    pages = Path(pages_file).read_text(encoding="utf-8").split()
    print(json.dumps(measure(Path(tree), pages, int(repeats), Path(out))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
