"""Collect measured figures and targets, then print them as a readable report or write JSON."""

from __future__ import annotations

import json
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def median(values: Sequence[float]) -> float:
    """Return the median of a non-empty sequence."""
    return float(statistics.median(values))


def format_value(value: float | str | None, unit: str) -> str:
    """Return a figure with its unit in the form a reader expects."""
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "bytes":
        return format_bytes(value)
    if unit == "x":
        return f"{value:.2f}×"
    if unit == "rows/s":
        return f"{value:,.0f} rows/s"
    if unit == "count":
        return f"{value:,.0f}"
    return f"{value:,.2f} {unit}".rstrip()


def format_bytes(value: float) -> str:
    """Return a byte count in B, KB, MB or GB (1 KB = 1,024 bytes)."""
    size = float(value)
    for suffix in ("B", "KB", "MB"):
        if abs(size) < 1024:
            return f"{size:,.0f} {suffix}" if suffix == "B" else f"{size:,.1f} {suffix}"
        size /= 1024
    return f"{size:,.2f} GB"


@dataclass
class Figure:
    """One measured figure: a median (or single value), its unit and the individual runs."""

    key: str
    label: str
    value: float | str | None
    unit: str
    runs: tuple[float, ...] = ()
    note: str = ""

    def line(self) -> str:
        """Return the figure as one aligned report line."""
        text = f"    {self.label:<58} {format_value(self.value, self.unit)}"
        if len(self.runs) > 1:
            shown = ", ".join(format_value(run, self.unit) for run in self.runs)
            text += f"   (runs: {shown})"
        if self.note:
            text += f"   [{self.note}]"
        return text


@dataclass
class Target:
    """A budget or target and whether the measured figure meets it."""

    name: str
    limit: str
    measured: float | str | None
    unit: str
    met: bool | None  # None when the figure could not be measured


@dataclass
class Section:
    """A numbered part of the report with its figures in the order they were measured."""

    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(
        self,
        key: str,
        label: str,
        value: float | str | None,
        unit: str = "",
        *,
        runs: Sequence[float] = (),
        note: str = "",
    ) -> Figure:
        """Record a figure and return it."""
        figure = Figure(key, label, value, unit, tuple(runs), note)
        self.figures.append(figure)
        return figure

    def note(self, text: str) -> None:
        """Record a sentence that explains how a figure was measured or why it is missing."""
        self.notes.append(text)

    def get(self, key: str) -> Figure | None:
        """Return the figure recorded under key, if any."""
        return next((figure for figure in self.figures if figure.key == key), None)


@dataclass
class Report:
    """Every section and target of one benchmark run."""

    header: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def section(self, key: str, title: str) -> Section:
        """Return the section called key, creating it on first use."""
        for section in self.sections:
            if section.key == key:
                return section
        section = Section(key, title)
        self.sections.append(section)
        return section

    def figure(self, section_key: str, figure_key: str) -> Figure | None:
        """Return a figure by section and key, if it was measured."""
        section = next((s for s in self.sections if s.key == section_key), None)
        return section.get(figure_key) if section else None

    def target(
        self, name: str, limit: str, measured: float | str | None, unit: str, met: bool | None
    ) -> None:
        """Record a target and whether it was met."""
        self.targets.append(Target(name, limit, measured, unit, met))

    def render(self) -> str:
        """Return the whole report as text."""
        lines = list(self.header)
        for section in self.sections:
            lines += ["", section.title]
            lines += [figure.line() for figure in section.figures]
            lines += [f"    note: {text}" for text in section.notes]
        if self.targets:
            lines += ["", "Targets (informational: nothing fails on time)"]
            lines.append(f"    {'target':<50} {'limit':<14} {'measured':<14} result")
            for target in self.targets:
                result = {True: "PASS", False: "OVER", None: "n/a"}[target.met]
                measured = format_value(target.measured, target.unit)
                lines.append(f"    {target.name:<50} {target.limit:<14} {measured:<14} {result}")
        if self.errors:
            lines += ["", "Benchmarks that could not run"]
            lines += [f"    {error}" for error in self.errors]
        return "\n".join(lines) + "\n"

    def as_json(self) -> dict[str, Any]:
        """Return the same figures as plain data for --json."""
        return {
            "header": self.header,
            "sections": {
                section.key: {
                    "title": section.title,
                    "figures": {
                        figure.key: {
                            "label": figure.label,
                            "value": figure.value,
                            "unit": figure.unit,
                            "runs": list(figure.runs),
                            "note": figure.note,
                        }
                        for figure in section.figures
                    },
                    "notes": section.notes,
                }
                for section in self.sections
            },
            "targets": [
                {
                    "name": target.name,
                    "limit": target.limit,
                    "measured": target.measured,
                    "unit": target.unit,
                    "result": {True: "PASS", False: "OVER", None: None}[target.met],
                }
                for target in self.targets
            ],
            "errors": self.errors,
        }

    def write_json(self, path: Path) -> None:
        """Write the figures as JSON to path."""
        path.write_text(json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
