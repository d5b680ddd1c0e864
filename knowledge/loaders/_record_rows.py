"""A table written row by row as "label: value" lines (a document system's export, a
converter that linearizes each row under its column titles):

    STT: 3
    Nội dung nhiệm vụ: Triển khai phân loại tại nguồn …
    Đơn vị thực hiện - Chủ trì: Sở Giáo dục và Đào tạo
    Thời gian - Hoàn thành: Trước 30/9/2026

with a blank line between rows, a line without a label going on with the value above, and
group lines ("Nhóm II: THU GOM …") between rows. Such a run is written back as the
markdown table it was, its labels the header, so that the table readers see the columns.

Empty cells are left out of a record, and merged header cells give a row the parent's
label only ("Đơn vị thực hiện" for "Đơn vị thực hiện - Chủ trì / Phối hợp"): that value
goes to the sub-column that carries the row's role (the chủ trì unit, the finishing
time), as the merged cell meant.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from knowledge.loaders._markup import LEFT_OUT, pipe_row, pipe_rule
from knowledge.vietnamese import fold

_FIELD = re.compile(r"^\s*(?P<label>[A-ZĐÀ-Ỹ][^:]{0,60}?)\s*:\s*(?P<value>.*)$")
_ROW_LABELS = {"stt", "tt", "so tt", "so thu tu"}
_GROUP = re.compile(r"^\s*(?:Nhóm|Phần|Mục)\s+(?P<n>[IVXLC]+|\d{1,2})\s*[:.]\s*(?P<title>\S.*)$")
_MARK = re.compile(r"^\s*\[[^\]]*\]\s*$")
MIN_RECORDS = 3
MAX_LABEL_WORDS = 8
# Of a parent label's sub-columns, the one a merged cell stands for.
_MAIN_PART = ("chu tri", "hoan thanh")


def _label(line: str) -> str | None:
    m = _FIELD.match(line)
    if m is None or len(m["label"].split()) > MAX_LABEL_WORDS:
        return None
    return m["label"].strip()


def _is_row_start(line: str) -> bool:
    label = _label(line)
    return label is not None and fold(label) in _ROW_LABELS


def records_as_markdown(text: str) -> str:
    """``text`` with each run of "label: value" rows written as a markdown table."""
    lines = text.split("\n")
    if sum(_is_row_start(line) for line in lines) < MIN_RECORDS:
        return text
    labels = Counter(lb for lb in map(_label, lines) if lb)
    out: list[str] = []
    k = 0
    while k < len(lines):
        end = _run_end(lines, k, labels)
        if end > k:
            out += ["", *_table(lines[k:end], labels), ""]
            k = end
        else:
            out.append(lines[k])
            k += 1
    return "\n".join(out)


def _run_end(lines: list[str], start: int, labels: Counter[str]) -> int:
    """The end of the run of rows (and group lines) that starts at ``start``; ``start``
    when none starts there."""
    k, rows = start, 0
    while k < len(lines):
        line = lines[k]
        if not line.strip():
            k += 1
            continue
        if _GROUP.match(line) and _next_row_start(lines, k + 1):
            k += 1
            continue
        if not _is_row_start(line):
            break
        rows += 1
        k += 1
        while k < len(lines) and lines[k].strip() and not _is_row_start(lines[k]):
            if _GROUP.match(lines[k]) and _next_row_start(lines, k + 1) or _MARK.match(lines[k]):
                break  # a group line, or "[HẾT BẢNG 4]": the export's own marks
            k += 1
    if rows < MIN_RECORDS:
        return start
    while k > start and not lines[k - 1].strip():
        k -= 1
    return k


def _next_row_start(lines: list[str], k: int) -> bool:
    while k < len(lines) and not lines[k].strip():
        k += 1
    return k < len(lines) and _is_row_start(lines[k])


@dataclass
class _Record:
    fields: dict[str, str] = field(default_factory=dict)
    last: str = ""  # the label a line without one goes on with


def _table(lines: list[str], labels: Counter[str]) -> list[str]:
    rows: list[_Record | str] = []  # a record, or a group line ("I\tPHÂN LOẠI …")
    for line in lines:
        if not line.strip():
            continue
        group = _GROUP.match(line)
        field_line = _FIELD.match(line)
        label = _label(line)
        if group:
            rows.append(f"{group['n']}\t{group['title'].strip()}")
        elif _is_row_start(line):
            rows.append(_Record())
        if group or not rows or not isinstance(rows[-1], _Record):
            continue
        record = rows[-1]
        if field_line and label and (_known(label, labels) or _is_row_start(line)):
            record.fields[label], record.last = field_line["value"].strip(), label
        elif record.last:
            record.fields[record.last] = f"{record.fields[record.last]} {line.strip()}".strip()
    return _markdown(rows)


def _known(label: str, labels: Counter[str]) -> bool:
    """A label of several rows, counting the parts of one merged header together
    ("Đơn vị thực hiện", "… - Chủ trì", "… - Phối hợp"), not a "Ghi chú: …" one value
    holds."""
    family = _family(label)
    return sum(n for other, n in labels.items() if _family(other) == family) >= 2


def _family(label: str) -> str:
    return fold(label).split(" - ", 1)[0].strip()


def _columns(names: list[str]) -> list[str]:
    return [n for n in names if not _parts_of(n, names)]


def _parts_of(label: str, names: list[str]) -> list[str]:
    """The sub-column labels under a parent label ("Thời gian" -> "Thời gian - Bắt đầu", …)."""
    head = fold(label)
    return [n for n in names if n != label and fold(n).startswith(head + " ")]


def _home(label: str, names: list[str]) -> str:
    parts = _parts_of(label, names)
    if not parts:
        return label
    return next((p for p in parts if any(w in fold(p) for w in _MAIN_PART)), parts[0])


def _markdown(rows: list[_Record | str]) -> list[str]:
    records = [r for r in rows if isinstance(r, _Record)]
    names = list(dict.fromkeys(label for r in records for label in r.fields))
    columns = _columns(names)
    out = [pipe_row(columns), pipe_rule(len(columns))]
    for row in rows:
        if isinstance(row, str):
            number, title = row.split("\t", 1)
            out.append(pipe_row([number, title] + [""] * (len(columns) - 2)))
            continue
        cells = dict.fromkeys(columns, LEFT_OUT)
        for label, value in row.fields.items():
            cells[_home(label, names)] = _cell(value)
        out.append(pipe_row(cells[c] for c in columns))
    return out


def _cell(text: str) -> str:
    return " ".join(text.split())
