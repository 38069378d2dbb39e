"""Every page context and every field in it says what it holds, for template authors.

Templates read a page's context as ``page``; a field's ``help`` is its documentation (as in
datasette's tests/test_template_context.py). A new page type or field without it fails here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator

import pytest

from generator.present.context import PageContext
from generator.present.site_pages import PAGE_TYPES


def documented_classes() -> list[type]:
    """Return every registered context class and every dataclass reachable from its fields."""
    seen: dict[type, None] = {}
    pending: list[type] = [page_type.context for page_type in PAGE_TYPES]
    while pending:
        cls = pending.pop(0)
        if cls in seen:
            continue
        seen[cls] = None
        hints = typing.get_type_hints(cls)
        for field in dataclasses.fields(cls):
            pending.extend(dataclass_types(hints[field.name]))
    return list(seen)


def dataclass_types(hint: object) -> Iterator[type]:
    """Yield the dataclasses a type annotation names, e.g. both sides of 'Table | None'."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        yield hint
    for argument in typing.get_args(hint):
        yield from dataclass_types(argument)
    if isinstance(hint, types.UnionType):
        for argument in hint.__args__:
            yield from dataclass_types(argument)


CLASSES = documented_classes()


def test_every_page_type_is_a_documented_context_with_its_own_template() -> None:
    templates = [page_type.context.template for page_type in PAGE_TYPES]
    assert len(templates) == len(set(templates)), "each page type has its own body template"
    for page_type in PAGE_TYPES:
        assert issubclass(page_type.context, PageContext)
        assert dataclasses.is_dataclass(page_type.context)


def test_the_walk_reaches_nested_views() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert {"IndicatorPage", "IndicatorCard", "StatusView", "Table", "TableRow", "Citation"} <= names


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_context_class_has_a_docstring(cls: type) -> None:
    # dataclass writes "Name(field: type, ...)" as the docstring of a class that has none.
    doc = cls.__doc__ or ""
    assert doc.strip() and not doc.startswith(f"{cls.__name__}("), (
        f"{cls.__name__} needs a one-line docstring saying what it is")


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_field_has_help_text(cls: type) -> None:
    undocumented = [field.name for field in dataclasses.fields(cls)
                    if not str(field.metadata.get("help", "")).strip()]
    assert not undocumented, (
        f"{cls.__name__}: give these fields described('...') help: {', '.join(undocumented)}")
