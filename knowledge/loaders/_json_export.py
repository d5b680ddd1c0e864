"""A plan exported from a document or task-tracking system as JSON: the plan's text in
one string field ("noi_dung": "ỦY BAN NHÂN DÂN\\n…"), its tasks as objects whose field
names are Vietnamese written without diacritics ("don_vi_chu_tri", "thoi_gian_hoan_thanh"),
often grouped ("nhiem_vu_con": […]), beside the system's own fields (ids, ISO dates,
status, progress, logs).

The export is written back as a plan's text: each long text field as its lines, each
list of task objects as a pipe table whose headers are the field names as words (the
column reader folds headers, so "don vi chu tri" reads as "Đơn vị chủ trì"), a group
object as a group row over its tasks. The system's fields stay out: a column of ids,
machine dates, numbers, flags or logs is no printed text of the plan.
"""

from __future__ import annotations

import json
import re
from typing import Any

from knowledge.loaders._markup import LEFT_OUT, pipe_row, pipe_rule

_MIN_BODY_LINES = 5  # a string field that holds a document, not a value
_CODE = re.compile(r"^[A-Z]{1,6}(?:[.\-_/][A-Z0-9]+)+$|^\d+$")  # "NV.2026.00412", "884213"
_MACHINE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_JOIN = "; "  # a list of units in one field, as a cell lists them


def json_as_text(text: str) -> str:
    """The plan a JSON export holds, as text; other text comes back unchanged."""
    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return text
    try:
        data = json.loads(stripped)
    except ValueError:
        # A cut-off export: its text fields are still the plan, with their escapes
        if stripped.count("\\n") + 1 < _MIN_BODY_LINES:
            return text
        return stripped.replace("\\n", "\n").replace('\\"', '"')
    bodies: list[str] = []
    tables: list[list[tuple[int, dict[str, Any]]]] = []
    _walk(data, bodies, tables)
    if not bodies and not tables:
        return text
    parts = [*bodies, *(_table(rows) for rows in tables)]
    return "\n\n".join(p for p in parts if p) + "\n"


def _walk(value: Any, bodies: list[str], tables: list[list[tuple[int, dict[str, Any]]]]) -> None:
    if isinstance(value, str):
        if value.count("\n") + 1 >= _MIN_BODY_LINES:
            bodies.append(value.strip())
        return
    if isinstance(value, dict):
        for item in value.values():
            _walk(item, bodies, tables)
        return
    if isinstance(value, list):
        records = [v for v in value if isinstance(v, dict)]
        if records and len(records) == len(value) and _printed_keys(records):
            rows: list[tuple[int, dict[str, Any]]] = []
            _flatten(records, 0, rows)
            tables.append(rows)
            return
        for item in value:
            _walk(item, bodies, tables)


def _children(record: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The items a group object holds: objects of its own kind (they share a field with
    it, as "stt"), not its logs or attachments."""
    for v in record.values():
        records = isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)
        if records and _printed_keys(v) and any(k in record for x in v for k in x):
            return v
    return None


def _flatten(
    records: list[dict[str, Any]], depth: int, rows: list[tuple[int, dict[str, Any]]]
) -> None:
    for record in records:
        kids = _children(record)
        rows.append((depth if kids is None else -1, record))  # -1: a group row
        if kids is not None:
            _flatten(kids, depth + 1, rows)


def _printed_keys(records: list[dict[str, Any]]) -> list[str]:
    """The fields that hold the plan's printed words, in first-seen order."""
    keys: list[str] = []
    for r in records:
        keys.extend(k for k in r if k not in keys)
    return [k for k in keys if _printed(records, k)]


def _printed(records: list[dict[str, Any]], key: str) -> bool:
    values = [r.get(key) for r in records if r.get(key) not in (None, "", [])]
    if not values:
        return False
    for v in values:
        if isinstance(v, list):
            if not all(isinstance(x, str) for x in v):
                return False  # logs, attachments: the system's records
        elif not isinstance(v, str) or _CODE.match(v) or _MACHINE_DATE.match(v):
            return False  # ids, flags, numbers, machine dates
    # the same value in every object is a type tag ("loai": "Nhiệm vụ"), not a cell
    return len(records) < 3 or len({_cell(r.get(key)) for r in records}) > 1


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return _JOIN.join(str(x).strip() for x in value)
    return " ".join(str(value or "").split())


def _table(rows: list[tuple[int, dict[str, Any]]]) -> str:
    leaves = [r for d, r in rows if d >= 0]
    keys = _printed_keys(leaves)
    if not keys:
        return ""
    content = next((k for k in keys if k.replace("_", " ") in _CONTENT_KEYS), keys[0])
    lines = [pipe_row([k.replace("_", " ") for k in keys]), pipe_rule(len(keys))]
    for depth, record in rows:
        if depth >= 0:
            # A field left empty is empty, not a cell merged with the one above.
            lines.append(pipe_row([_cell(record.get(k)) or LEFT_OUT for k in keys]))
        else:
            lines.append(pipe_row(_group_cells(record, keys, content)))
    return "\n".join(lines)


_CONTENT_KEYS = frozenset(["noi dung", "ten nhiem vu", "nhiem vu", "noi dung nhiem vu"])


def _group_cells(record: dict[str, Any], keys: list[str], content: str) -> list[str]:
    """A group object as a row: its number where the tasks have theirs, its name in the
    task column."""
    texts = [v for k, v in record.items() if isinstance(v, str) and not _CODE.match(v)]
    name = max(texts, key=len) if texts else ""
    cells = ["" for _ in keys]
    number = record.get("stt")
    if "stt" in keys and isinstance(number, str):
        cells[keys.index("stt")] = number
        name = max((t for t in texts if t != number), key=len, default="")
    cells[keys.index(content)] = " ".join(name.split())
    return cells
