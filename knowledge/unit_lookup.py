"""Which unit a typed name means: aliases, abbreviations, spellings and the home province.

"SNV", "so noi vu" and "Sở Nội vụ" name the Sở Nội vụ of every province that has
one; a bare name means the home province's (``PLANBOT_PROVINCE``, by default the
province most loaded plans come from), "Sở Nội vụ Hà Tĩnh" / "SNV tỉnh Hà Tĩnh" names
that province's. When the home province has no such unit and several others do, the
caller asks which. Nothing here creates a unit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge import provinces
from knowledge.abbreviations import expand, expansions
from knowledge.jurisdiction import Level, identity_key, unit_label
from knowledge.vietnamese import nfc
from storage import repositories as repo
from storage.models import Document, Unit
from storage.settings import Settings, get_settings


def configured_province(settings: Settings | None = None) -> str:
    """The key of the ``PLANBOT_PROVINCE`` setting ("" when unset)."""
    raw = (settings or get_settings()).planbot_province.strip()
    if not raw:
        return ""
    known = provinces.province(raw)
    return known.key if known is not None else " ".join(provinces.words(raw))


def home_province(session: Session, settings: Settings | None = None) -> str:
    """The home province's key: the setting, else the province of most loaded plans."""
    configured = configured_province(settings)
    if configured:
        return configured
    row = session.execute(
        select(Document.province)
        .where(Document.jurisdiction == Level.PROVINCE, Document.province != "")
        .group_by(Document.province)
        .order_by(func.count().desc(), func.min(Document.id))
        .limit(1)
    ).first()
    return str(row[0]) if row else ""


def label(unit: Unit) -> str:
    """The unit's name with its province when the name does not say it."""
    return unit_label(unit.name, unit.province)


def narrow(units: Sequence[Unit], home: str, wanted: Iterable[str] = ()) -> list[Unit]:
    """Namesakes narrowed to the ones meant: those of the ``wanted`` provinces (named
    in the question or by the plans it is about), else the home province's; all of
    them when neither has one (the caller asks which)."""
    wanted = set(wanted)
    chosen = [u for u in units if u.province in wanted] if wanted else []
    if not chosen:
        chosen = [u for u in units if u.province == home]
    return chosen or list(units)


@dataclass
class UnitChoice:
    """A unit named by a user: found, or the candidates to offer instead."""

    unit: Unit | None
    candidates: list[Unit] = field(default_factory=list)  # ask which, or the closest names
    ambiguous: bool = False
    province: str = ""  # the province the name asked for ("Sở Nội vụ Nghệ An"), if any


def resolve_unit(session: Session, text: str, home: str | None = None) -> UnitChoice:
    """The one unit ``text`` names (see the module doc)."""
    base, place = provinces.strip_trailing(nfc(text).strip())
    found = _named(session, base or text)
    if not found:
        return UnitChoice(None, repo.closest_units(session, base or text))
    if place is not None:
        found_here = [u for u in found if u.province == place.key]
        if not found_here:  # that province has no such unit: say which ones exist
            return UnitChoice(None, found[:5], province=place.key)
        found = found_here
    else:
        found = narrow(found, home_province(session) if home is None else home)
    if len(found) == 1:
        return UnitChoice(found[0])
    return UnitChoice(None, found[:8], ambiguous=True)


def _named(session: Session, text: str) -> list[Unit]:
    """Every unit ``text`` may name: exact names and aliases (written out too: "SNV"),
    the same unit written another way (its identity key), then partial names."""
    forms = list(dict.fromkeys([text, *expansions(text), expand(text, keep_short=False)]))
    for form in forms:
        exact = repo.find_units(session, form)
        if exact:
            return exact
    same = _by_identity(session, text)
    if same:
        return same
    for form in forms:
        found = repo.resolve_units(session, form)
        if found:
            return found
    return []


def _by_identity(session: Session, text: str) -> list[Unit]:
    """Units whose identity in their own province is ``text``'s there ("Sở Nội vụ tỉnh",
    "Ban Quản lý các khu công nghiệp - khu kinh tế"). Internal units are left to the
    name lookups: their identity carries their office."""
    units = session.scalars(select(Unit).where(Unit.parent_id.is_(None)).order_by(Unit.id))
    return [u for u in units if identity_key(u.name, u.province) == identity_key(text, u.province)]
