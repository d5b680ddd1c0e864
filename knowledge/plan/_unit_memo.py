"""Unit names of a cell, remembered for the length of one parse.

A plan names the same lead cell on dozens of rows and items ("Các bộ, cơ quan ngang
bộ, Ủy ban nhân dân các tỉnh, …"); splitting and normalizing it once per plan
instead of once per task keeps parsing fast. ``parse_plan`` clears the memo at
its start, so units or aliases an admin adds between two ingests are always seen.
An office holder named as the lead ("Bộ trưởng Bộ Y tế") stands for the unit.
"""

from __future__ import annotations

from knowledge.plan.offices import office_units
from knowledge.units import normalize_units

_memo: dict[tuple[str, str | None], tuple[str, ...]] = {}
_MAX = 4096


def unit_names(cell: str, owner: str | None) -> list[str]:
    key = (cell, owner)
    found = _memo.get(key)
    if found is None:
        found = tuple(u.name for u in normalize_units(office_units(cell), owner))
        if len(_memo) >= _MAX:
            _memo.clear()
        _memo[key] = found
    return list(found)


def reset() -> None:
    _memo.clear()
