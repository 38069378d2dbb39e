"""Checks that look at one loaded page and report accessibility problems in plain words.

The real suite and the self-tests against tests/browser/fixtures/ call the same functions, so a
check that stops finding problems shows up as a failing self-test rather than a silent pass.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

VENDOR = Path(__file__).parent / "vendor"
AXE_VERSION = "4.14.1"
AXE_SCRIPT = VENDOR / f"axe-{AXE_VERSION}.min.js"
# WCAG 2.2 AA is the legal bar for UK public sector sites; best-practice adds the landmark and
# heading-order rules that no WCAG tag covers.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})

# A chart, as the site emits it: a <figure> holding the figure JSON and the div plotly draws into.
CHART_SELECTOR = 'figure:has(script[type="application/json"])'
PLOTLY_TRACE_DEFAULT_TYPE = "scatter"
# Plotly draws a scatter trace with markers as well as lines when it has fewer than 20 points.
PLOTLY_MARKER_THRESHOLD = 20


@dataclass(frozen=True)
class AxeViolation:
    """One axe rule that failed on one page, with the elements it failed on."""

    url: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    summaries: tuple[str, ...]

    def describe(self) -> str:
        """Return the violation as readable lines for an assertion message."""
        lines = [f"{self.url}: [{self.impact}] {self.rule}: {self.help}"]
        for target, summary in zip(self.targets, self.summaries, strict=True):
            detail = " ".join(summary.split())
            lines.append(f"    at {target}: {detail}")
        return "\n".join(lines)


def run_axe(page: Page, *, tags: Sequence[str] = AXE_TAGS) -> list[AxeViolation]:
    """Inject axe-core into the loaded page, run the given rule tags and return the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    raw: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return result.violations.map(v => ({
                rule: v.id,
                impact: v.impact || 'unknown',
                help: v.help,
                targets: v.nodes.map(n => n.target.map(String).join(' >>> ')),
                summaries: v.nodes.map(n => n.failureSummary || ''),
            }));
        }""",
        list(tags),
    )
    return [
        AxeViolation(
            url=page.url,
            rule=item["rule"],
            impact=item["impact"],
            help=item["help"],
            targets=tuple(item["targets"]),
            summaries=tuple(item["summaries"]),
        )
        for item in raw
    ]


def wait_for_charts(page: Page, *, timeout_ms: float = 20_000) -> bool:
    """Wait until every chart on the page has drawn its SVG; return False on timeout."""
    try:
        page.wait_for_function(
            """(selector) => Array.from(document.querySelectorAll(selector))
                .every(fig => fig.querySelector('.main-svg'))""",
            arg=CHART_SELECTOR,
            timeout=timeout_ms,
        )
    except PlaywrightError:
        return False
    return True


def sideways_overflow(page: Page) -> str | None:
    """Return a description of what makes the page scroll sideways, or None if it fits."""
    result: dict[str, Any] = page.evaluate(
        """() => {
            const viewport = window.innerWidth;
            const width = document.documentElement.scrollWidth;
            if (width <= viewport) return {width, viewport, culprits: []};
            // Name the widest elements that poke out of the viewport, skipping those inside a
            // scroll container (a table that scrolls on its own is allowed by WCAG 1.4.10).
            const scrolls = el => {
                for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                    const o = getComputedStyle(a).overflowX;
                    if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
                }
                return false;
            };
            const describe = el => el.tagName.toLowerCase()
                + (el.id ? '#' + el.id : '')
                + (typeof el.className === 'string' && el.className.trim()
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
            const culprits = Array.from(document.body.querySelectorAll('*'))
                .map(el => [el, el.getBoundingClientRect()])
                .filter(([el, r]) => r.width > 0 && r.right > viewport + 0.5 && !scrolls(el))
                .sort((a, b) => b[1].right - a[1].right)
                .slice(0, 5)
                .map(([el, r]) => `${describe(el)} (right edge at ${Math.round(r.right)} px)`);
            return {width, viewport, culprits};
        }"""
    )
    if result["width"] <= result["viewport"]:
        return None
    culprits = "; ".join(result["culprits"]) or "no single element found"
    return (
        f"page is {result['width']} px wide in a {result['viewport']} px viewport, so it scrolls"
        f" sideways; widest elements: {culprits}"
    )


_CHART_FACTS_JS = """(selector) => {
    const text = el => (el ? el.textContent.replace(/\\s+/g, ' ').trim() : '');
    const nameOf = el => {
        const label = (el.getAttribute('aria-label') || '').trim();
        if (label) return label;
        const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
        return ids.map(id => text(document.getElementById(id))).join(' ').trim();
    };
    return Array.from(document.querySelectorAll(selector)).map((fig, index) => {
        const script = fig.querySelector('script[type="application/json"]');
        const plot = fig.querySelector('.js-plotly-plot')
            || Array.from(fig.children).find(el => el.tagName === 'DIV') || null;
        const svg = fig.querySelector('.main-svg');
        const caption = fig.querySelector(':scope > figcaption');
        const hiddenAncestor = plot ? plot.closest('[aria-hidden="true"]') : null;
        const scope = fig.closest('section, article, main, [role="main"]') || document.body;
        const described = (fig.getAttribute('aria-describedby') || '').split(/\\s+/)
            .concat(plot ? (plot.getAttribute('aria-describedby') || '').split(/\\s+/) : [])
            .filter(Boolean).map(id => document.getElementById(id)).filter(Boolean);
        const hasTable = !!fig.querySelector('table')
            || described.some(el => el.matches('table') || el.querySelector('table'))
            || !!scope.querySelector('table');
        const figRect = fig.getBoundingClientRect();
        const parent = fig.parentElement;
        const parentStyle = getComputedStyle(parent);
        const parentRect = parent.getBoundingClientRect();
        const parentLeft = parentRect.left + parseFloat(parentStyle.paddingLeft)
            + parseFloat(parentStyle.borderLeftWidth);
        const parentRight = parentRect.right - parseFloat(parentStyle.paddingRight)
            - parseFloat(parentStyle.borderRightWidth);
        const svgRect = svg ? svg.getBoundingClientRect() : null;
        // The SVG's box can fit while its drawing is cut off at the box's edge; the labels'
        // boxes show where the drawing really ends.
        const labels = Array.from(fig.querySelectorAll('.main-svg text'))
            .map(t => t.getBoundingClientRect()).filter(r => r.width > 0);
        const contentRight = labels.length ? Math.max(...labels.map(r => r.right)) : null;
        const drag = plot ? Array.from(plot.querySelectorAll('.nsewdrag, .drag'))
            .map(el => getComputedStyle(el).cursor)
            .filter(c => c !== 'default' && c !== 'auto' && c !== 'pointer') : [];
        const full = plot && plot._fullLayout ? plot._fullLayout : null;
        const context = plot && plot._context ? plot._context : null;
        return {
            index,
            id: fig.id || (plot && plot.id) || '',
            spec: script ? script.textContent : '',
            drawn: !!svg,
            caption: text(caption),
            plotHidden: !!(hiddenAncestor && fig.contains(hiddenAncestor)),
            plotName: plot ? nameOf(plot) : '',
            hasTable,
            figure: {left: figRect.left, right: figRect.right, width: figRect.width},
            parent: {left: parentLeft, right: parentRight},
            svg: svgRect ? {left: svgRect.left, right: svgRect.right, width: svgRect.width} : null,
            contentRight,
            dragCursors: drag,
            dragmode: full ? full.dragmode : null,
            staticPlot: context ? !!context.staticPlot : null,
            scrollZoom: context ? context.scrollZoom : null,
        };
    });
}"""

# Half a CSS pixel of slack absorbs sub-pixel rounding between layout and SVG boxes.
_SLACK = 0.5


def chart_problems(page: Page) -> list[str]:
    """Return every problem with the charts on a loaded page (call wait_for_charts first)."""
    facts: list[dict[str, Any]] = page.evaluate(_CHART_FACTS_JS, CHART_SELECTOR)
    problems: list[str] = []
    for fact in facts:
        name = f"chart {fact['index'] + 1}" + (f" ({fact['id']})" if fact["id"] else "")
        if not fact["drawn"]:
            problems.append(f"{name}: no SVG was drawn (plotly's .main-svg never appeared)")
        if not fact["caption"]:
            problems.append(f"{name}: the <figure> has no <figcaption> text")
        if not (fact["plotHidden"] or fact["plotName"]):
            problems.append(
                f'{name}: the plot is neither aria-hidden="true" nor named with aria-label'
                " or aria-labelledby, so screen readers meet an unlabelled graphic"
            )
        if not fact["hasTable"]:
            problems.append(f"{name}: no HTML <table> gives the chart's data as text")
        figure, parent, svg = fact["figure"], fact["parent"], fact["svg"]
        if figure["right"] > parent["right"] + _SLACK or figure["left"] < parent["left"] - _SLACK:
            problems.append(
                f"{name}: the figure ({figure['width']:.0f} px) spills out of its container"
                f" ({parent['right'] - parent['left']:.0f} px)"
            )
        if svg and (
            svg["right"] > figure["right"] + _SLACK or svg["left"] < figure["left"] - _SLACK
        ):
            problems.append(
                f"{name}: the drawn chart ({svg['width']:.0f} px) is wider than its figure"
                f" ({figure['width']:.0f} px)"
            )
        clip_edge = min(figure["right"], svg["right"]) if svg else figure["right"]
        if fact["contentRight"] is not None and fact["contentRight"] > clip_edge + 1:
            problems.append(
                f"{name}: the chart's labels run {fact['contentRight'] - clip_edge:.0f} px past"
                " the edge of its box, so part of the drawing is cut off"
            )
        if fact["dragCursors"]:
            cursors = ", ".join(sorted(set(fact["dragCursors"])))
            problems.append(f"{name}: the plot offers drag interaction (cursor {cursors})")
        if fact["dragmode"] not in (None, False) and not fact["staticPlot"]:
            problems.append(f"{name}: plotly dragmode is {fact['dragmode']!r}, not false")
        if fact["scrollZoom"] and not fact["staticPlot"]:
            problems.append(f"{name}: scrolling over the plot zooms it (config.scrollZoom)")
        try:
            spec = json.loads(fact["spec"]) if fact["spec"] else None
        except json.JSONDecodeError as error:
            problems.append(f"{name}: the figure JSON does not parse ({error})")
            continue
        if not isinstance(spec, Mapping):
            problems.append(f"{name}: the figure JSON is not an object with data and layout")
            continue
        problems.extend(f"{name}: {problem}" for problem in figure_spec_problems(spec))
    return problems


def _trace_style(trace: Mapping[str, Any]) -> tuple[str, ...]:
    """Return what, apart from colour, tells this trace apart from the others."""
    kind = str(trace.get("type", PLOTLY_TRACE_DEFAULT_TYPE))
    marker = trace.get("marker") or {}
    if kind == "bar":
        pattern = (marker.get("pattern") or {}).get("shape") or ""
        return (kind, f"pattern {pattern or 'none'}")
    points = len(trace.get("y") or trace.get("x") or ())
    default_mode = "lines+markers" if points < PLOTLY_MARKER_THRESHOLD else "lines"
    mode = str(trace.get("mode", default_mode))
    dash = (trace.get("line") or {}).get("dash") or "solid"
    symbol = marker.get("symbol", "circle") if "markers" in mode else "no markers"
    lines = f"line {dash}" if "lines" in mode else "no line"
    return (kind, lines, f"marker {symbol}")


def _plain(text: object) -> str:
    """Return annotation or trace text without HTML tags, case-folded and space-normalised."""
    return " ".join(re.sub(r"<[^>]*>", " ", str(text or "")).split()).casefold()


def _carries_text(trace: Mapping[str, Any]) -> bool:
    """Return True when the trace draws its own text labels."""
    shows_text = "text" in str(trace.get("mode", "")) or trace.get("type") == "bar"
    return shows_text and bool(trace.get("text") or trace.get("texttemplate"))


def _unlabelled(
    traces: Sequence[Mapping[str, Any]], annotations: Sequence[Mapping[str, Any]]
) -> list[str]:
    """Return the names of traces that no annotation (one each) or text of their own labels."""
    notes = [_plain(note.get("text")) for note in annotations]
    used: set[int] = set()
    missing: list[str] = []
    for index, trace in enumerate(traces):
        label = str(trace.get("name") or f"trace {index + 1}")
        if _carries_text(trace):
            continue
        name = _plain(trace.get("name"))
        # An exact label first; otherwise a shortened one ("London" for "London (Met area)").
        exact = [i for i, note in enumerate(notes) if i not in used and name and note == name]
        short = [
            i
            for i, note in enumerate(notes)
            if i not in used and name and len(note) >= 3 and (note in name or name in note)
        ]
        candidates = exact or short
        if candidates:
            used.add(candidates[0])
        else:
            missing.append(label)
    return missing


def figure_spec_problems(spec: Mapping[str, Any]) -> list[str]:
    """Return the ways a plotly figure relies on colour or dragging, read from its JSON."""
    data: Sequence[Mapping[str, Any]] = [
        trace for trace in spec.get("data") or [] if trace.get("visible", True) is not False
    ]
    layout: Mapping[str, Any] = spec.get("layout") or {}
    config: Mapping[str, Any] = spec.get("config") or {}
    problems: list[str] = []
    if not config.get("staticPlot") and layout.get("dragmode", "zoom") is not False:
        problems.append(
            f"layout.dragmode is {layout.get('dragmode', 'zoom (the default)')!r}; set it to"
            " false (or config.staticPlot) so nothing depends on dragging"
        )
    if len(data) < 2:
        return problems
    seen: dict[tuple[str, ...], str] = {}
    for index, trace in enumerate(data):
        label = str(trace.get("name") or f"trace {index + 1}")
        style = _trace_style(trace)
        if style in seen:
            problems.append(
                f"series {seen[style]!r} and {label!r} look the same apart from colour"
                f" ({', '.join(style[1:])}); give each a distinct line.dash or marker.symbol"
            )
        else:
            seen[style] = label
    annotations: Sequence[Mapping[str, Any]] = layout.get("annotations") or []
    for label in _unlabelled(data, annotations):
        problems.append(
            f"series {label!r} has no direct label (an annotation naming it, or text on"
            " the trace), so only the legend's colour identifies it"
        )
    return problems


def third_party_requests(urls: Iterable[str]) -> list[str]:
    """Return the requested URLs that leave this machine (data: and blob: are local)."""
    outside: list[str] = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            continue
        if parts.hostname not in LOCAL_HOSTS:
            outside.append(url)
    return outside


def color_scheme(page: Page) -> str:
    """Return Material's colour scheme on the body ('default', 'slate' or '')."""
    scheme: str | None = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    return scheme or ""


def choose_dark_scheme(page: Page) -> None:
    """Switch Material's palette to the dark ('slate') scheme the way the toggle does."""
    page.evaluate(
        """() => {
            const input = document.querySelector('input.md-option[data-md-color-scheme="slate"]');
            if (input && !input.checked) input.click();
        }"""
    )


# Selectors for the kinds of element the keyboard check considers "interactive controls".
_CONTROLS = "a[href], button, input, select, textarea, summary, [tabindex]"

_KEYBOARD_SETUP_JS = """(controls) => {
    // Transitions would let a half-finished focus style be read; the end state is what counts.
    const calm = document.createElement('style');
    calm.textContent = '*, *::before, *::after { transition: none !important;'
        + ' animation: none !important; }';
    document.head.appendChild(calm);
    const styleOf = el => {
        const s = getComputedStyle(el);
        return {
            outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor,
            boxShadow: s.boxShadow, backgroundColor: s.backgroundColor,
            border: [s.borderTopColor, s.borderRightColor, s.borderBottomColor, s.borderLeftColor,
                     s.borderTopWidth, s.borderBottomWidth].join(' '),
            textDecoration: s.textDecorationLine, opacity: s.opacity,
        };
    };
    // Material's palette radio buttons are invisible; the label right after one draws its focus.
    const labelsOf = el => {
        const found = Array.from(el.labels || []);
        const next = el.nextElementSibling;
        if (el.matches('input') && next && next.matches('label') && !found.includes(next)) {
            found.push(next);
        }
        return found;
    };
    const state = {next: 0, before: new Map(), expected: [], labelsOf};
    const tag = el => {
        if (!el.dataset.a11yId) el.dataset.a11yId = String(state.next++);
        return el.dataset.a11yId;
    };
    for (const el of document.querySelectorAll(controls)) {
        tag(el);
        state.before.set(el.dataset.a11yId, styleOf(el));
        for (const label of labelsOf(el)) {
            tag(label);
            state.before.set(label.dataset.a11yId, styleOf(label));
        }
        if (el.matches(':disabled') || el.closest('[inert]')) continue;
        // A native control taken out of the tab order still counts (it is a trap for keyboard
        // users); anything else is a control only if its tabindex makes it focusable.
        const native = el.matches('a[href], button, input, select, textarea, summary');
        if (!native && el.tabIndex < 0) continue;
        const r = el.getBoundingClientRect();
        const visible = r.width > 0 && r.height > 0 && el.checkVisibility({
            opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true});
        if (!visible) continue;
        // Only one radio button of a group takes part in the tab sequence.
        if (el.matches('input[type=radio]') && el.name) {
            const key = 'radio:' + el.name;
            if (!state.expected.some(e => e.key === key)) state.expected.push({key, id: el.dataset.a11yId});
            continue;
        }
        state.expected.push({key: el.dataset.a11yId, id: el.dataset.a11yId});
    }
    state.styleOf = styleOf;
    window.__a11yKeyboard = state;
    return state.expected.length;
}"""

_FOCUS_FACTS_JS = """async () => {
    // Let the page react to the focus change first: Material, for one, opens its search box
    // from a focus handler that runs a moment later, then repaints.
    await new Promise(resolve => setTimeout(resolve, 10));
    await new Promise(resolve => requestAnimationFrame(resolve));
    const state = window.__a11yKeyboard;
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const describe = e => {
        const words = (e.getAttribute('aria-label') || e.textContent || e.getAttribute('title')
            || e.getAttribute('name') || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
        return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
            + (typeof e.className === 'string' && e.className.trim()
                ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
            + (words ? ` "${words}"` : '');
    };
    const area = e => { const r = e.getBoundingClientRect(); return r.width * r.height; };
    // A visually hidden control (Material's palette radio buttons) shows focus on its label.
    const shown = area(el) > 0 ? el
        : state.labelsOf(el).find(l => area(l) > 0 && l.checkVisibility()) || el;
    if (!shown.dataset.a11yId) shown.dataset.a11yId = 'late-' + state.next++;
    const before = state.before.get(shown.dataset.a11yId);
    const now = state.styleOf(shown);
    const visibleOutline = s => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
        && !/rgba\\([^)]*,\\s*0\\)$/.test(s.outlineColor) && s.outlineColor !== 'transparent';
    const changes = [];
    if (visibleOutline(now) && (!before || !visibleOutline(before)
        || before.outlineColor !== now.outlineColor || before.outlineWidth !== now.outlineWidth
        || before.outlineStyle !== now.outlineStyle)) changes.push('outline');
    if (before) {
        if (now.boxShadow !== 'none' && now.boxShadow !== before.boxShadow) changes.push('box-shadow');
        if (now.backgroundColor !== before.backgroundColor) changes.push('background');
        if (now.border !== before.border) changes.push('border');
        if (now.textDecoration !== before.textDecoration) changes.push('text-decoration');
    }
    // Anything fixed or sticky across the top of the viewport can cover the focused element.
    let barBottom = 0;
    const barCovers = [];
    for (const bar of document.querySelectorAll('body *')) {
        const pos = getComputedStyle(bar).position;
        if (pos !== 'fixed' && pos !== 'sticky') continue;
        const r = bar.getBoundingClientRect();
        if (r.top > 1 || r.bottom <= 0 || r.width < window.innerWidth / 2) continue;
        if (r.height >= window.innerHeight / 2 || !bar.checkVisibility()) continue;
        if (bar.contains(el) || el.contains(bar)) continue;
        barBottom = Math.max(barBottom, r.bottom);
        barCovers.push(bar);
    }
    const rect = shown.getBoundingClientRect();
    const seen = area(shown) > 0 && shown.checkVisibility({opacityProperty: true,
        visibilityProperty: true});
    const onScreen = rect.right > 0 && rect.left < window.innerWidth && rect.bottom > 0
        && rect.top < window.innerHeight;
    // A bar only hides the element if it is painted on top of it (a focused skip link is not).
    let covering = [];
    // An element taller than the space below the bars cannot show its top edge and bottom edge
    // at once; for it, what matters is that some of it shows (WCAG 2.4.11's minimum).
    const tall = rect.height > window.innerHeight - barBottom;
    const probeY = tall ? Math.max(rect.bottom - 2, 0) : rect.top + 1;
    if (rect.top < barBottom && onScreen) {
        const x = Math.min(Math.max(rect.left + rect.width / 2, 0), window.innerWidth - 1);
        const y = Math.min(Math.max(probeY, 0), window.innerHeight - 1);
        const hit = document.elementFromPoint(x, y);
        covering = barCovers.filter(bar => hit && bar.contains(hit) && !shown.contains(hit));
    }
    return {
        id: el.dataset.a11yId || null,
        shownId: shown.dataset.a11yId,
        name: describe(el),
        indicator: changes,
        top: rect.top,
        bottom: rect.bottom,
        covered: covering.length > 0,
        seen,
        onScreen,
        barBottom,
        bars: covering.map(describe),
        radio: el.matches('input[type=radio]') && el.name ? 'radio:' + el.name : null,
    };
}"""


@dataclass(frozen=True)
class KeyboardReport:
    """What tabbing through a page found."""

    url: str
    focused: tuple[str, ...]
    problems: tuple[str, ...]


def tab_through(page: Page, *, max_extra_steps: int = 20) -> KeyboardReport:
    """Press Tab through the freshly loaded page and report unreachable or badly focused controls."""
    expected_count: int = page.evaluate(_KEYBOARD_SETUP_JS, _CONTROLS)
    expected: list[dict[str, str]] = page.evaluate("window.__a11yKeyboard.expected")
    names: dict[str, str] = page.evaluate(
        """() => Object.fromEntries(window.__a11yKeyboard.expected.map(e => {
            const el = document.querySelector(`[data-a11y-id="${e.id}"]`);
            const words = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('title')
                || '').replace(/\\s+/g, ' ').trim().slice(0, 40);
            return [e.key, el.tagName.toLowerCase() + (words ? ` "${words}"` : '')];
        }))"""
    )
    reached: set[str] = set()
    seen: set[str] = set()
    focused: list[str] = []
    problems: list[str] = []
    for _ in range(expected_count + max_extra_steps):
        page.keyboard.press("Tab")
        fact: dict[str, Any] | None = page.evaluate(_FOCUS_FACTS_JS)
        if fact is None:
            break  # focus has left the document: the tab sequence is complete
        key = fact["id"] or fact["name"]
        if key in seen:
            break
        seen.add(key)
        focused.append(fact["name"])
        if fact["id"] is not None:
            reached.add(fact["id"])
        if fact["radio"]:
            reached.add(fact["radio"])
        if not fact["seen"]:
            problems.append(
                f"{fact['name']}: takes focus while invisible (zero size, hidden or transparent)"
            )
        elif not fact["onScreen"]:
            problems.append(f"{fact['name']}: takes focus while off screen")
        elif not fact["indicator"]:
            problems.append(
                f"{fact['name']}: no visible focus indicator (outline, box-shadow, background,"
                " border and underline are the same focused and unfocused)"
            )
        if fact["covered"]:
            problems.append(
                f"{fact['name']}: focused but its top ({fact['top']:.0f} px) is hidden under"
                f" {', '.join(fact['bars'])} (bottom {fact['barBottom']:.0f} px)"
            )
    for item in expected:
        if item["key"] not in reached and item["id"] not in reached:
            problems.append(
                f"{names.get(item['key'], item['key'])}: visible but never reached with Tab"
            )
    return KeyboardReport(url=page.url, focused=tuple(focused), problems=tuple(problems))


def skip_link_problems(page: Page) -> list[str]:
    """Check that, on a freshly loaded page, the first Tab lands on a working skip link."""
    page.keyboard.press("Tab")
    first: dict[str, Any] | None = page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const href = el.getAttribute('href') || '';
            const target = href.startsWith('#')
                ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
            const main = document.querySelector('main, [role="main"]');
            const r = el.getBoundingClientRect();
            return {
                tag: el.tagName.toLowerCase(),
                text: el.textContent.replace(/\\s+/g, ' ').trim(),
                href,
                target: !!target,
                targetInMain: !!(target && main && main.contains(target)),
                onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight
                    && el.checkVisibility({opacityProperty: true, visibilityProperty: true}),
            };
        }"""
    )
    if first is None:
        return ["the first Tab focuses nothing, so there is no skip link"]
    if first["tag"] != "a" or "skip" not in first["text"].casefold():
        return [f"the first focusable element is {first['tag']} {first['text']!r}, not a skip link"]
    problems: list[str] = []
    if not first["onScreen"]:
        problems.append("the skip link stays invisible when focused")
    if not first["target"]:
        return [*problems, f"the skip link points at {first['href']!r}, which is not on the page"]
    if not first["targetInMain"]:
        problems.append(f"the skip link's target {first['href']!r} is not inside <main>")
    page.keyboard.press("Enter")
    # Following an in-page link moves the sequential focus starting point to its target, even
    # when the target itself cannot take focus; the next Tab proves where focus now lives.
    landed: dict[str, Any] = page.evaluate(
        """(href) => {
            const target = document.getElementById(decodeURIComponent(href.slice(1)));
            const el = document.activeElement;
            return {inTarget: !!(el && el !== document.body && (target.contains(el) || el === target))};
        }""",
        first["href"],
    )
    if landed["inTarget"]:
        return problems
    page.keyboard.press("Tab")
    after: dict[str, Any] = page.evaluate(
        """(href) => {
            const target = document.getElementById(decodeURIComponent(href.slice(1)));
            const el = document.activeElement;
            if (!el || el === document.body) return {ok: false, name: 'nothing'};
            const follows = target === el || target.contains(el)
                || !!(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
            const main = document.querySelector('main, [role="main"]');
            const inMainOrLater = !!(main && (main.contains(el)
                || (main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)));
            const name = el.tagName.toLowerCase() + ' '
                + JSON.stringify(el.textContent.replace(/\\s+/g, ' ').trim().slice(0, 40));
            return {ok: follows && inMainOrLater, name};
        }""",
        first["href"],
    )
    if not after["ok"]:
        problems.append(
            f"after following the skip link, Tab went to {after['name']} instead of the main content"
        )
    return problems


def rendered(page: Page, selector: str) -> bool:
    """Return True when an element matching selector is rendered (not display:none or hidden)."""
    result: bool = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).some(el => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.height > 0
                && el.checkVisibility({opacityProperty: true, visibilityProperty: true,
                contentVisibilityAuto: true});
        })""",
        selector,
    )
    return result


def rendered_matches(page: Page, selector: str) -> list[str]:
    """Return a short description of each rendered element matching selector."""
    found: list[str] = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).filter(el => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.height > 0
                && el.checkVisibility({opacityProperty: true, visibilityProperty: true,
                contentVisibilityAuto: true});
        }).map(el => el.tagName.toLowerCase()
            + (typeof el.className === 'string' && el.className.trim()
                ? '.' + el.className.trim().split(/\\s+/).join('.') : ''))""",
        selector,
    )
    return found


@dataclass(frozen=True)
class PrintExpectations:
    """What must show and what must disappear when a page is printed."""

    shown: Mapping[str, str]  # plain name -> selector that must be rendered
    hidden: Mapping[str, str]  # plain name -> selector that must not be rendered


def print_problems(page: Page, expectations: PrintExpectations) -> list[str]:
    """Emulate print media on the loaded page and report what shows or hides wrongly."""
    page.emulate_media(media="print")
    try:
        problems = [
            f"{name} ({selector}) is not shown when printed"
            for name, selector in expectations.shown.items()
            if not rendered(page, selector)
        ]
        for name, selector in expectations.hidden.items():
            found = rendered_matches(page, selector)
            if found:
                problems.append(f"{name} is still printed: {', '.join(found[:3])}")
        return problems
    finally:
        page.emulate_media(media="screen")


def missing_content(page: Page, required: Mapping[str, str]) -> list[str]:
    """Return a line for each required element (plain name -> selector) the page does not show."""
    return [
        f"{name} ({selector}) is missing"
        for name, selector in required.items()
        if not rendered(page, selector)
    ]


def axe_report(violations: Sequence[AxeViolation]) -> str:
    """Summarise axe violations by rule, then list each page's failing elements."""
    by_rule: dict[str, list[AxeViolation]] = {}
    for violation in violations:
        by_rule.setdefault(violation.rule, []).append(violation)
    lines = [
        f"{rule} [{found[0].impact}]: {len(found)} page(s), {sum(len(v.targets) for v in found)}"
        f" element(s): {found[0].help}"
        for rule, found in sorted(by_rule.items())
    ]
    lines.append("")
    lines.extend(violation.describe() for violation in violations)
    return "\n".join(lines)


def report(problems_by_page: Mapping[str, Sequence[str]]) -> str:
    """Lay out problems page by page for an assertion message."""
    lines: list[str] = []
    for url, problems in problems_by_page.items():
        if problems:
            lines.append(url)
            lines.extend(f"  - {problem}" for problem in problems)
    return "\n".join(lines)
