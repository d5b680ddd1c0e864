"""The units of a plan, resolved against the units table in memory and stored in bulk.

Ingest names the same units over and over ("Sở Nội vụ" leads dozens of tasks): the
whole table (a few thousand rows at most) is read once per plan, each unit's identity
(``knowledge.jurisdiction.identity_key``, within its province) computed, and every
name of the plan looked up in memory; the units it lacks go in with one insert per
level (offices, then their internal units) and their built-in aliases with one more.
Names and aliases also answer by their folded spelling, so a name an admin merged into
another unit (kept as that unit's alias) keeps pointing there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from knowledge.jurisdiction import (
    Jurisdiction,
    PlacedUnit,
    home_short_forms,
    identity_key,
    place_unit,
)
from knowledge.units import builtin_aliases
from storage import repositories as repo
from storage.models import Unit, UnitAlias, fit_row


@dataclass(frozen=True)
class _Row:
    id: int
    name: str
    parent_id: int | None
    province: str


class UnitBook:
    """Units by identity and by spelling, per province; learns the units it creates."""

    def __init__(self, session: Session) -> None:
        self._session = session
        db = session.connection()  # Core rows: no ORM loading for a whole table
        units = db.execute(
            select(Unit.id, Unit.name, Unit.parent_id, Unit.province, Unit.folded).order_by(Unit.id)
        ).tuples()
        self._rows: dict[int, _Row] = {}
        self._keys: dict[int, str] = {}
        self._by_identity: dict[tuple[str, str], int] = {}
        self._by_spelling: dict[tuple[str, str], int] = {}
        for unit_id, name, parent_id, province, folded in units:
            self._rows[unit_id] = _Row(unit_id, name, parent_id, province)
            self._by_spelling.setdefault((folded, province), unit_id)
        for row in self._rows.values():
            self._by_identity.setdefault((self._key(row.id), row.province), row.id)
        aliases = db.execute(
            select(UnitAlias.unit_id, UnitAlias.alias, UnitAlias.folded).order_by(UnitAlias.id)
        ).tuples()
        for unit_id, alias, key in aliases:
            owner = self._rows.get(unit_id)
            if owner is None:
                continue
            self._by_spelling.setdefault((key, owner.province), unit_id)
            identity = identity_key(alias, owner.province, self._parent_key(owner))
            self._by_identity.setdefault((identity, owner.province), unit_id)

    def _key(self, unit_id: int) -> str:
        """A stored unit's identity (its parent's identity included)."""
        key = self._keys.get(unit_id)
        if key is None:
            row = self._rows[unit_id]
            key = identity_key(row.name, row.province, self._parent_key(row))
            self._keys[unit_id] = key
        return key

    def _parent_key(self, row: _Row) -> str | None:
        return self._key(row.parent_id) if row.parent_id in self._rows else None

    def ids(self, names: Iterable[str], owner: str | None, where: Jurisdiction) -> dict[str, int]:
        """Each name's unit id in a plan of ``where`` issued by ``owner``; missing units
        are created."""
        placed = {name: place_unit(name, owner, where) for name in dict.fromkeys(names)}
        found = {name: self._find(unit, name) for name, unit in placed.items()}
        missing = [unit for name, unit in placed.items() if found[name] is None]
        self._create(missing)
        return {name: found[name] or self._require(unit) for name, unit in placed.items()}

    def _find(self, unit: PlacedUnit, raw: str | None = None) -> int | None:
        hit = self._by_identity.get((unit.key, unit.province))
        if hit is not None:
            return hit
        for spelling in (_folded(unit), repo.fold_key(raw) if raw else None):
            if spelling and (spelling, unit.province) in self._by_spelling:
                return self._by_spelling[(spelling, unit.province)]
        return None

    def _require(self, unit: PlacedUnit) -> int:
        found = self._find(unit)
        assert found is not None, unit
        return found

    def _create(self, units: list[PlacedUnit]) -> None:
        """Insert the missing units, parents before their internal units."""
        parents = [u.parent for u in units if u.parent is not None and self._find(u.parent) is None]
        if parents:
            self._create(parents)
        firsts: dict[tuple[str, str], PlacedUnit] = {}
        for unit in units:  # a unit spelled two ways is shown as first spelled
            if self._find(unit) is None:
                firsts.setdefault((unit.key, unit.province), unit)
        fresh = list(firsts.values())
        if not fresh:
            return
        rows = [
            fit_row(
                Unit,
                {
                    "name": u.name,
                    "folded": _folded(u),
                    "kind": u.kind,
                    "province": u.province,
                    "parent_id": self._require(u.parent) if u.parent else None,
                },
            )
            for u in fresh
        ]
        stmt = insert(Unit).returning(Unit.id, sort_by_parameter_order=True)
        # Core execution (the connection): one executemany, no ORM bulk bookkeeping.
        ids = list(self._session.connection().execute(stmt, rows).scalars())
        for unit, row, unit_id in zip(fresh, rows, ids, strict=True):
            self._rows[unit_id] = _Row(unit_id, unit.name, row["parent_id"], unit.province)
            self._keys[unit_id] = unit.key
            self._by_identity[(unit.key, unit.province)] = unit_id
            self._by_spelling.setdefault((row["folded"], unit.province), unit_id)
        self._add_aliases(fresh, ids)

    def _add_aliases(self, units: list[PlacedUnit], ids: list[int]) -> None:
        """The built-in spellings of new units ("Sở TT&TT"), unless another unit of the
        province already answers to one."""
        rows = []
        for unit, unit_id in zip(units, ids, strict=True):
            scope = unit.parent.name if unit.parent else None
            for alias in [*builtin_aliases().get(unit.name, []), *home_short_forms(unit)]:
                key = repo.scoped_key(alias, scope)
                if (key, unit.province) in self._by_spelling:
                    continue
                self._by_spelling[(key, unit.province)] = unit_id
                rows.append(
                    fit_row(
                        UnitAlias,
                        {"unit_id": unit_id, "alias": alias, "folded": key, "source": "builtin"},
                    )
                )
        if rows:
            self._session.connection().execute(insert(UnitAlias), rows)


def _folded(unit: PlacedUnit) -> str:
    """How the unit's name is stored (folded, an internal unit's with its office)."""
    return repo.scoped_key(unit.name, unit.parent.name if unit.parent else None)
