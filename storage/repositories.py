"""Queries and updates over the knowledge tables: units and aliases, tasks, documents.

Functions take a ``Session`` and never commit: the caller's unit of work does.
Names are matched on their folded form (no diacritics, lowercase) so that
"so noi vu" finds "Sở Nội vụ".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, delete, select, update
from sqlalchemy.orm import Session, selectinload

from storage.models import (
    Document,
    Invite,
    TaskDeadline,
    TaskRow,
    TaskUnit,
    Unit,
    UnitAlias,
    User,
)

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)  # ingest keys the same unit names over and over
def fold_key(text: str) -> str:
    """The folded lookup key (same folding as ``knowledge.vietnamese.fold``)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip(" .;,:")


# --- Units and aliases ---------------------------------------------------------


# ``units.folded`` and ``unit_aliases.folded`` are String(300); longer keys are cut
# the same way when stored (see ``storage.models``) and when looked up.
KEY_LENGTH = 300


def find_units(session: Session, name: str) -> list[Unit]:
    """The units whose canonical name or one of whose aliases folds like ``name``, in
    every province (one "Sở Nội vụ" per province), oldest first."""
    key = fold_key(name)[:KEY_LENGTH]
    by_alias = select(UnitAlias.unit_id).where(UnitAlias.folded == key)
    stmt = select(Unit).where((Unit.folded == key) | Unit.id.in_(by_alias)).order_by(Unit.id)
    return list(session.scalars(stmt))


def find_unit(session: Session, name: str, province: str | None = None) -> Unit | None:
    """The unit ``name`` names in ``province`` (a province key, "" for national); with
    ``province`` None, the oldest of its namesakes."""
    found = find_units(session, name)
    if province is not None:
        found = [u for u in found if u.province == province]
    by_name = [u for u in found if u.folded == fold_key(name)[:KEY_LENGTH]]
    best = by_name or found
    return best[0] if best else None


def scoped_key(name: str, scope: str | None) -> str:
    """The key of an internal unit: two offices may each have a "Văn phòng Sở"."""
    key = f"{fold_key(name)} @ {fold_key(scope)}" if scope else fold_key(name)
    return key[:KEY_LENGTH]


def upsert_unit(
    session: Session,
    name: str,
    kind: str = "unit",
    parent_name: str | None = None,
    aliases: Iterable[str] = (),
    scope: str | None = None,
    province: str = "",
) -> Unit:
    """Find or create a unit of ``province``; new aliases are added, existing ones left.

    ``scope`` (the owning office) keeps an internal unit apart from its namesakes
    elsewhere; its aliases are scoped the same way.
    """
    key = scoped_key(name, scope)
    unit = session.scalar(select(Unit).where(Unit.folded == key, Unit.province == province))
    if unit is None and scope is None:
        unit = find_unit(session, name, province)
    if unit is None:
        unit = Unit(name=name, folded=key, kind=kind, province=province)
        session.add(unit)
        session.flush()
    if parent_name and unit.parent_id is None and scoped_key(parent_name, None) != unit.folded:
        unit.parent_id = upsert_unit(session, parent_name, province=province).id
    for alias in aliases:
        add_alias(session, unit.id, alias, source="builtin", scope=scope)
    return unit


def add_alias(
    session: Session, unit_id: int, alias: str, source: str = "admin", scope: str | None = None
) -> bool:
    """Attach ``alias`` to a unit; False when the name is already taken in its province."""
    key = scoped_key(alias, scope)
    unit = session.get(Unit, unit_id)
    if not key or unit is None:
        return False
    if alias_taken(session, key, unit.province):
        return False
    session.add(UnitAlias(unit_id=unit_id, alias=alias, folded=key, source=source))
    session.flush()
    return True


def alias_taken(session: Session, key: str, province: str) -> bool:
    """A unit of ``province`` already has the folded name or alias ``key``."""
    named = select(Unit.id).where(Unit.folded == key, Unit.province == province)
    aliased = (
        select(UnitAlias.id)
        .join(Unit, Unit.id == UnitAlias.unit_id)
        .where(UnitAlias.folded == key, Unit.province == province)
    )
    return bool(session.scalar(named.limit(1)) or session.scalar(aliased.limit(1)))


def list_units(session: Session, kind: str | None = None) -> list[Unit]:
    stmt = select(Unit).options(selectinload(Unit.aliases)).order_by(Unit.name)
    if kind is not None:
        stmt = stmt.where(Unit.kind == kind)
    return list(session.scalars(stmt))


def unit_alias_index(session: Session) -> dict[str, list[int]]:
    """Folded name or alias -> the units it names (one per province), for spotting
    units in free text."""
    index: dict[str, list[int]] = {}
    for unit_id, folded in session.execute(select(Unit.id, Unit.folded).order_by(Unit.id)):
        index.setdefault(folded, []).append(unit_id)
    rows = session.execute(select(UnitAlias.unit_id, UnitAlias.folded).order_by(UnitAlias.id))
    for unit_id, folded in rows:
        ids = index.setdefault(folded, [])
        if unit_id not in ids:
            ids.append(unit_id)
    return index


def closest_units(session: Session, text: str, limit: int = 3) -> list[Unit]:
    """The units whose name or alias is nearest to ``text`` (for "did you mean …")."""
    from rapidfuzz import fuzz, process

    index = unit_alias_index(session)
    # An internal unit's key carries its office ("thanh tra so @ so tu phap"): match its name.
    names = {key: key.split(" @ ")[0] for key in index}
    hits = process.extract(fold_key(text), names, scorer=fuzz.WRatio, limit=limit * 4)
    ids: list[int] = []
    for _name, score, key in hits:
        for uid in index[key]:
            if score >= _CLOSE_SCORE and uid not in ids:
                ids.append(uid)
    units = {u.id: u for u in session.scalars(select(Unit).where(Unit.id.in_(ids)))}
    return [units[i] for i in ids[:limit] if i in units]


_CLOSE_SCORE = 60


def resolve_units(session: Session, text: str) -> list[Unit]:
    """Units named by ``text``, best first, in every province.

    An exact name or alias wins (one unit per province that has it); then internal
    units of that name in any office (several "Văn phòng Sở" give several answers:
    the caller asks which); then names containing the text.
    """
    exact = find_units(session, text)
    if exact:
        return exact
    key = fold_key(text)
    if len(key) < 3:
        return []
    scoped = key + " @ %"
    ids = set(session.scalars(select(Unit.id).where(Unit.folded.like(scoped))))
    ids |= set(session.scalars(select(UnitAlias.unit_id).where(UnitAlias.folded.like(scoped))))
    if not ids:
        index = unit_alias_index(session)
        ids = {uid for name, uids in index.items() if key in name for uid in uids}
    if not ids:
        return []
    return list(session.scalars(select(Unit).where(Unit.id.in_(ids)).order_by(Unit.name)))


def with_subunits(session: Session, unit_ids: Sequence[int]) -> list[int]:
    """``unit_ids`` and every unit below them (an office and its phòng, trung tâm …)."""
    found = list(dict.fromkeys(unit_ids))
    frontier = list(found)
    while frontier:
        children = session.scalars(select(Unit.id).where(Unit.parent_id.in_(frontier))).all()
        frontier = [c for c in children if c not in found]
        found.extend(frontier)
    return found


def merge_units(session: Session, keep_id: int, drop_id: int) -> Unit:
    """Fold unit ``drop_id`` into ``keep_id``: its tasks, users, aliases and name move over."""
    keep = session.get(Unit, keep_id)
    drop = session.get(Unit, drop_id)
    if keep is None or drop is None or keep_id == drop_id:
        raise ValueError("unknown or identical units")
    for link in session.scalars(select(TaskUnit).where(TaskUnit.unit_id == drop_id)):
        duplicate = session.scalar(
            select(TaskUnit.id).where(
                TaskUnit.task_id == link.task_id,
                TaskUnit.unit_id == keep_id,
                TaskUnit.role == link.role,
            )
        )
        if duplicate is None:
            link.unit_id = keep_id
        else:
            session.delete(link)
    session.execute(update(User).where(User.unit_id == drop_id).values(unit_id=keep_id))
    session.execute(update(Invite).where(Invite.unit_id == drop_id).values(unit_id=keep_id))
    session.execute(update(Unit).where(Unit.parent_id == drop_id).values(parent_id=keep_id))
    held = set(session.scalars(select(UnitAlias.folded).where(UnitAlias.unit_id == keep_id)))
    held.add(keep.folded)
    for alias in list(session.scalars(select(UnitAlias).where(UnitAlias.unit_id == drop_id))):
        if alias.folded in held:
            session.delete(alias)  # keep already answers to it
        else:
            alias.unit_id = keep_id
            held.add(alias.folded)
    drop_name, drop_folded = drop.name, drop.folded
    session.delete(drop)
    session.flush()
    if drop_folded not in held:
        session.add(UnitAlias(unit_id=keep_id, alias=drop_name, folded=drop_folded, source="merge"))
        session.flush()
    return keep


# --- Tasks -----------------------------------------------------------------------


def filter_tasks(
    stmt: Select[Any],
    *,
    unit_ids: Sequence[int] | None = None,
    roles: Sequence[str] = ("lead",),
    due_from: date | None = None,
    due_to: date | None = None,
    document_ids: Sequence[int] | None = None,
    kind: str | None = None,
) -> Select[Any]:
    """``stmt`` (a select over tasks) narrowed by unit roles, due window, document, kind.

    A due window matches any of a task's due dates (a task due "Quý II, Quý
    IV/2024" is due in both quarters); tasks without a date never match one.
    """
    if unit_ids is not None:
        linked = select(TaskUnit.task_id).where(
            TaskUnit.unit_id.in_(list(unit_ids)), TaskUnit.role.in_(list(roles))
        )
        stmt = stmt.where(TaskRow.id.in_(linked))
    if due_from is not None or due_to is not None:
        window = select(TaskDeadline.task_id)
        if due_from is not None:
            window = window.where(TaskDeadline.due_date >= due_from)
        if due_to is not None:
            window = window.where(TaskDeadline.due_date <= due_to)
        stmt = stmt.where(TaskRow.id.in_(window))
    if document_ids is not None:
        stmt = stmt.where(TaskRow.document_id.in_(list(document_ids)))
    if kind is not None:
        stmt = stmt.where(TaskRow.kind == kind)
    return stmt


def list_tasks(
    session: Session,
    *,
    unit_ids: Sequence[int] | None = None,
    roles: Sequence[str] = ("lead",),
    due_from: date | None = None,
    due_to: date | None = None,
    document_ids: Sequence[int] | None = None,
    kind: str | None = None,
) -> list[TaskRow]:
    """Tasks with their units, deadlines and document loaded (see ``filter_tasks``)."""
    stmt = select(TaskRow).options(
        selectinload(TaskRow.units).selectinload(TaskUnit.unit),
        selectinload(TaskRow.deadlines),
        selectinload(TaskRow.document),
    )
    stmt = filter_tasks(
        stmt,
        unit_ids=unit_ids,
        roles=roles,
        due_from=due_from,
        due_to=due_to,
        document_ids=document_ids,
        kind=kind,
    )
    return list(session.scalars(stmt.order_by(TaskRow.document_id, TaskRow.ordinal)))


def task_units(task: TaskRow, role: str) -> list[str]:
    return [link.unit.name for link in task.units if link.role == role]


# --- Documents -------------------------------------------------------------------


def find_document_by_hash(session: Session, sha256: str) -> Document | None:
    return session.scalar(select(Document).where(Document.sha256 == sha256))


def list_documents(session: Session) -> list[Document]:
    return list(session.scalars(select(Document).order_by(Document.id)))


def delete_document(session: Session, document_id: int) -> None:
    session.execute(delete(Document).where(Document.id == document_id))
