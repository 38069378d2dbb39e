"""Read datapackage.json into the resource and field specs that drive every schema check."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from frictionless import Package

from generator.package.load import DESCRIPTOR_NAME, decode_text
from generator.validation.report import Problem

# The resources load.py reads; a descriptor without one of them cannot be built into a site.
RESOURCES = ("priorities", "actions", "indicators", "areas", "population", "sources",
             "observations", "series_breaks", "releases", "revisions")

# The one kind of resource that is not a CSV table: map outlines, checked on their own.
GEOJSON_FORMAT = "geojson"

# Table Schema's default spellings of true and false.
DEFAULT_TRUE = ("true", "True", "TRUE", "1")
DEFAULT_FALSE = ("false", "False", "FALSE", "0")

_UNDO = ("Undo your last change to datapackage.json: it describes the columns of every data "
         "file, and only needs editing when a column is added or changed.")

# Python's JSON error messages, in the words of someone editing the file by hand.
_JSON_ERROR_WORDS = {
    "Expecting ',' delimiter": "a comma is missing between two items",
    "Expecting ':' delimiter": "a colon is missing after a name",
    "Expecting value": "a value is missing, or text is not inside double quotes",
    "Expecting property name enclosed in double quotes":
        "a name is not inside double quotes, or there is a comma after the last item",
    "Unterminated string starting at": "a closing quote mark is missing",
    "Extra data": "there is more text after the final closing bracket",
}


@dataclass(frozen=True)
class FieldSpec:
    """One column of a Table Schema, reduced to what the checks use."""

    name: str
    type: str
    description: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple[Any, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    true_values: tuple[str, ...] = DEFAULT_TRUE
    false_values: tuple[str, ...] = DEFAULT_FALSE

    @classmethod
    def from_descriptor(cls, descriptor: Mapping[str, Any]) -> FieldSpec:
        """Read a field from its Table Schema descriptor."""
        constraints = descriptor.get("constraints", {})
        enum = constraints.get("enum")
        return cls(
            name=str(descriptor["name"]),
            type=str(descriptor.get("type", "string")),
            description=str(descriptor.get("description", "")),
            required=bool(constraints.get("required", False)),
            unique=bool(constraints.get("unique", False)),
            enum=tuple(enum) if enum is not None else None,
            pattern=constraints.get("pattern"),
            minimum=constraints.get("minimum"),
            maximum=constraints.get("maximum"),
            true_values=tuple(descriptor.get("trueValues", DEFAULT_TRUE)),
            false_values=tuple(descriptor.get("falseValues", DEFAULT_FALSE)),
        )

    @property
    def numeric(self) -> bool:
        """Return True for number and integer columns."""
        return self.type in ("number", "integer")


@dataclass(frozen=True)
class ForeignKey:
    """Columns whose values must appear in another resource's columns."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class ResourceSpec:
    """One file of the package: a CSV file and its Table Schema, or (format geojson) a map."""

    name: str
    path: str
    fields: tuple[FieldSpec, ...]
    missing_values: frozenset[str]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    format: str = "csv"

    @property
    def is_table(self) -> bool:
        """Return True for a CSV file checked cell by cell (the rest are checked by their kind)."""
        return self.format != GEOJSON_FORMAT

    @property
    def header(self) -> tuple[str, ...]:
        """Return the column names in the order the header row must list them."""
        return tuple(spec.name for spec in self.fields)


def read_package(data_dir: Path, label: str, problems: list[Problem]) -> list[ResourceSpec] | None:
    """Return the resources datapackage.json describes, or None (with problems) if unusable."""
    file = f"{label}{DESCRIPTOR_NAME}"
    path = data_dir / DESCRIPTOR_NAME
    if not path.is_file():
        problems.append(Problem(
            "package-missing", file, None, None, None,
            "datapackage.json is missing, so there is no description of the data files.",
            "Run the command from the project folder, or point --data-dir at the folder that "
            "holds datapackage.json; if you deleted it, restore it from the last published "
            "version.",
        ))
        return None
    raw = path.read_bytes()
    try:
        descriptor = json.loads(decode_text(raw))
    except UnicodeDecodeError as error:
        problems.append(Problem(
            "package-encoding", file, raw.count(b"\n", 0, error.start) + 1, None, None,
            "This file is not saved as UTF-8, so some of its characters cannot be read.",
            "Save it again with the UTF-8 encoding (in the GitHub editor this is automatic).",
        ))
        return None
    except json.JSONDecodeError as error:
        words = _JSON_ERROR_WORDS.get(error.msg, error.msg[:1].lower() + error.msg[1:])
        problems.append(Problem(
            "package-json", file, error.lineno, None, None,
            f"This file is not valid JSON: {words} "
            f"(line {error.lineno}, character {error.colno}).",
            "Look at that line and the one before it for a missing or extra comma, quote mark or "
            "bracket, or undo your last change to the file.",
        ))
        return None
    return _resource_specs(data_dir, file, descriptor, problems)


def _resource_specs(
    data_dir: Path, file: str, descriptor: Any, problems: list[Problem]
) -> list[ResourceSpec] | None:
    """Return a spec per resource, or None (with problems) if the descriptor cannot drive checks."""
    already = len(problems)

    def problem(message: str) -> None:
        problems.append(Problem("package-invalid", file, None, None, None, message, _UNDO))

    for text in _descriptor_errors(json.dumps(descriptor, sort_keys=True)):
        problem(f"This is not a valid data package description: {text.rstrip('.')}.")
    if len(problems) > already:
        return None
    specs: list[ResourceSpec] = []
    for resource in descriptor["resources"]:
        name, resource_path = str(resource.get("name", "")), resource.get("path")
        if resource.get("format") == GEOJSON_FORMAT and isinstance(resource_path, str):
            # Not a table: generator.validation.ward_boundaries checks it.
            specs.append(ResourceSpec(name, resource_path, (), frozenset(), (), (), GEOJSON_FORMAT))
            continue
        if not isinstance(resource_path, str) or not resource_path.endswith(".csv"):
            problem(f"The resource `{name}` must point to one CSV file, but its path is "
                    f"{json.dumps(resource_path)}.")
            continue
        if not (data_dir / resource_path).resolve().is_relative_to(data_dir.resolve()):
            problem(f"The resource `{name}` points outside the data folder ({resource_path}).")
            continue
        schema = resource.get("schema", {})
        if not isinstance(schema, dict):
            problem(f"The resource `{name}` must describe its columns inside datapackage.json, "
                    "not in a separate file.")
            continue
        specs.append(_resource_spec(name, resource_path, schema))
    by_name = {spec.name: spec for spec in specs}
    for missing in (name for name in RESOURCES if name not in by_name):
        problem(f"datapackage.json does not describe the `{missing}` file, which the site needs.")
    for spec in specs:
        for key in spec.foreign_keys:
            target = by_name.get(key.resource)
            unknown = [name for name in key.reference if target and name not in target.header]
            if target is None or unknown or len(key.fields) != len(key.reference):
                problem(f"The resource `{spec.name}` refers to `{key.resource}` columns "
                        f"{', '.join(key.reference)}, which datapackage.json does not describe.")
    return None if len(problems) > already else specs


def _resource_spec(name: str, path: str, schema: Mapping[str, Any]) -> ResourceSpec:
    """Read one resource's inline Table Schema."""
    return ResourceSpec(
        name=name,
        path=path,
        fields=tuple(FieldSpec.from_descriptor(spec) for spec in schema.get("fields", [])),
        missing_values=frozenset(schema.get("missingValues", [""])),
        primary_key=_names(schema.get("primaryKey", ())),
        foreign_keys=tuple(
            # A reference without a resource points at the resource itself (Table Schema).
            ForeignKey(_names(key["fields"]), str(key["reference"].get("resource", "")) or name,
                       _names(key["reference"]["fields"]))
            for key in schema.get("foreignKeys", [])
        ),
    )


@lru_cache(maxsize=8)
def _descriptor_errors(descriptor: str) -> tuple[str, ...]:
    """Return frictionless's complaints about a descriptor (cached: it rarely changes)."""
    try:
        report = Package.validate_descriptor(json.loads(descriptor))
    except Exception as failure:  # noqa: BLE001 - frictionless raises many kinds on odd input
        return (str(failure),)
    return tuple(str(error.message) for error in report.errors)


def _names(value: Any) -> tuple[str, ...]:
    """Return a Table Schema field list, which may be a single name, as a tuple."""
    return (value,) if isinstance(value, str) else tuple(str(name) for name in value)
