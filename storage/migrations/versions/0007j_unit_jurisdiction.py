"""units belong to a jurisdiction

Revision ID: 0007j
Revises: 0006
Create Date: 2026-12-08 08:00:00

Documents get ``jurisdiction`` ("national" | "province" | "unknown") and ``province``
(the province's folded key); units get ``province``, and ``folded`` is unique per
province only, so "Sở Nội vụ" of Nghệ An and of Hà Tĩnh are two units. Aliases are
unique per unit (the same "SNV" names a unit in each province).

Existing data: each document's jurisdiction is read from its stored issuer and số
hiệu (a plan whose issuer names no province stays "unknown" until it is loaded again); a unit whose tasks come from plans of several provinces is split, one
unit per province, each keeping its plan's task links. The copy of the home province
(the province most plans come from) keeps the original row, so users, invites and
reports that point at the unit stay with it. National bodies stay one unit.

The rules below are a frozen copy of those in ``knowledge.jurisdiction`` at the time
of writing (a migration must not change when the application code does).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from typing import Any

from alembic import op
import sqlalchemy as sa


revision = '0007j'
down_revision = '0006'
branch_labels = None
depends_on = None

_NATIONAL_HEAD = re.compile(
    r"^(?:cac |nhung )?(?:"
    r"bo(?! chi huy| chqs| doi)\b|chinh phu|thu tuong|pho thu tuong|van phong chinh phu|"
    r"quoc hoi|van phong quoc hoi|uy ban thuong vu quoc hoi|chu tich nuoc|"
    r"van phong chu tich nuoc|bo chinh tri|ban bi thu|trung uong|van phong trung uong|"
    r"uy ban dan toc|thanh tra chinh phu|tong thanh tra chinh phu|kiem toan nha nuoc|"
    r"toa an nhan dan toi cao|vien kiem sat nhan dan toi cao|tap doan|tong cong ty|"
    r"co quan ngang bo|co quan thuoc chinh phu|co quan truc thuoc chinh phu|vu"
    r")\b"
)
_NATIONAL_TAIL = re.compile(r"\b(?:viet nam|trung uong|chinh phu|toan quoc)$")
_NATIONAL_CODES = {"ttg", "cp", "vpcp", "qh", "ubtvqh", "nhnn", "ttcp", "ktnn"}
_PLACE = re.compile(r"\b(?:tinh|thanh pho)\s+([a-z]+(?:\s[a-z]+){0,3})")
_OWN_PLACE = re.compile(r"\b(?:tinh|thanh pho)\s+([a-z]+(?:\s[a-z]+){0,3})$")
# Words that follow "tỉnh"/"thành phố" without naming a place ("cấp tỉnh có liên quan",
# "tỉnh ủy", "tỉnh, thành phố trực thuộc").
_NOT_PLACE = {
    "co", "lien", "quan", "khac", "truc", "thuoc", "cap", "tren", "thanh", "tinh", "uy",
    "doan", "va", "nam", "giai", "ve", "cua", "tai", "den", "trong", "vung", "thi", "xa",
    "huyen", "phuong",
}


def _fold(text: str | None) -> str:
    decomposed = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def _is_national(name: str | None) -> bool:
    folded = _fold(name)
    return bool(_NATIONAL_HEAD.match(folded) or _NATIONAL_TAIL.search(folded))


def _place(text: str | None) -> str:
    """The province after "tỉnh"/"thành phố" ("Ủy ban nhân dân tỉnh Nghệ An" -> "nghe an");
    a place name ends at a word that starts a new phrase (a year, "năm", "giai đoạn")."""
    m = _PLACE.search(_fold(text))
    if m is None:
        return ""
    words = []
    for word in m.group(1).split():
        if word in {"nam", "giai", "doan", "ve", "cua", "tai", "va", "den", "trong"}:
            break
        words.append(word)
    return " ".join(words)


def _own_place(name: str) -> str:
    """The province a unit's name ends with ("Ủy ban nhân dân thành phố Hà Nội")."""
    folded = _fold(name)
    m = _OWN_PLACE.search(folded)
    if m is None or any(w in _NOT_PLACE for w in m.group(1).split()):
        return ""
    if len(re.findall(r"\b(?:tinh|thanh pho)\b", folded)) > 1:
        return ""  # a list of places ("Thành phố Hải Phòng và tỉnh Quảng Ninh")
    return m.group(1)


def _jurisdiction(issuer: str | None, number: str | None) -> tuple[str, str]:
    own = _place(issuer)
    if own:
        return "province", own
    code = _fold(number.rsplit("-", 1)[1]).replace(" ", "") if number and "-" in number else ""
    ministry = code.startswith("b") and _fold(issuer).startswith("bo ")
    if _is_national(issuer) or code in _NATIONAL_CODES or ministry:
        return "national", ""
    return "unknown", ""


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('jurisdiction', sa.String(length=12), server_default='unknown', nullable=False))
        batch_op.add_column(sa.Column('province', sa.String(length=60), server_default='', nullable=False))
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.add_column(sa.Column('province', sa.String(length=60), server_default='', nullable=False))
        batch_op.drop_index('ix_units_folded')
        batch_op.create_index('ix_units_folded', ['folded'], unique=False)
        batch_op.create_index('uq_units_folded_province', ['folded', 'province'], unique=True)
    with op.batch_alter_table('unit_aliases', schema=None) as batch_op:
        batch_op.drop_index('ix_unit_aliases_folded')
        batch_op.create_index('ix_unit_aliases_folded', ['folded'], unique=False)
        batch_op.create_index('uq_unit_aliases_unit_folded', ['unit_id', 'folded'], unique=True)
    conn = op.get_bind()
    provinces = _fill_documents(conn)
    _split_units(conn, provinces)


def _fill_documents(conn: Any) -> dict[int, str]:
    """Each document's jurisdiction; returns document id -> its units' province key."""
    out: dict[int, str] = {}
    rows = conn.execute(sa.text("SELECT id, issuer, number FROM documents")).all()
    for doc_id, issuer, number in rows:
        level, province = _jurisdiction(issuer, number)
        conn.execute(
            sa.text("UPDATE documents SET jurisdiction = :j, province = :p WHERE id = :i"),
            {"j": level, "p": province, "i": doc_id},
        )
        out[doc_id] = province
    return out


def _split_units(conn: Any, doc_province: dict[int, str]) -> None:
    counts = Counter(p for p in doc_province.values() if p)
    home = counts.most_common(1)[0][0] if counts else ""
    links: dict[int, list[tuple[int, str]]] = defaultdict(list)  # unit -> (link id, province)
    sql = "SELECT tu.id, tu.unit_id, t.document_id FROM task_units tu JOIN tasks t ON t.id = tu.task_id"
    for link_id, unit_id, doc_id in conn.execute(sa.text(sql)):
        links[unit_id].append((link_id, doc_province.get(doc_id, "")))
    units = conn.execute(sa.text("SELECT id, name, folded, kind, parent_id FROM units")).all()
    copies: dict[tuple[int, str], int] = {}
    for unit_id, name, folded, kind, parent_id in units:
        if _is_national(name) or not links.get(unit_id):
            continue
        own = _own_place(name)
        if own:  # "Công an tỉnh Hà Tĩnh" is Hà Tĩnh's in whichever plan names it
            links[unit_id] = [(link, own) for link, _ in links[unit_id]]
        by_province = Counter(p for _, p in links[unit_id])
        local = [p for p, _ in by_province.most_common() if p]
        if not local:
            continue
        primary = home if home in by_province else local[0]
        conn.execute(
            sa.text("UPDATE units SET province = :p WHERE id = :i"), {"p": primary, "i": unit_id}
        )
        copies[(unit_id, primary)] = unit_id
        for province in by_province:
            if province == primary:
                continue
            new_id = _copy_unit(conn, unit_id, name, folded, kind, parent_id, province)
            copies[(unit_id, province)] = new_id
            moved = [link for link, p in links[unit_id] if p == province]
            conn.execute(
                sa.text("UPDATE task_units SET unit_id = :n WHERE id IN :ids").bindparams(
                    sa.bindparam("ids", expanding=True)
                ),
                {"n": new_id, "ids": moved},
            )
    _fix_parents(conn, copies)


def _copy_unit(
    conn: Any, unit_id: int, name: str, folded: str, kind: str, parent_id: int | None, province: str
) -> int:
    conn.execute(
        sa.text(
            "INSERT INTO units (name, folded, province, kind, parent_id) "
            "VALUES (:n, :f, :p, :k, :parent)"
        ),
        {"n": name, "f": folded, "p": province, "k": kind, "parent": parent_id},
    )
    new_id = int(
        conn.execute(
            sa.text("SELECT id FROM units WHERE folded = :f AND province = :p"),
            {"f": folded, "p": province},
        ).scalar_one()
    )
    conn.execute(
        sa.text(
            "INSERT INTO unit_aliases (unit_id, alias, folded, source) "
            "SELECT :n, alias, folded, source FROM unit_aliases WHERE unit_id = :o"
        ),
        {"n": new_id, "o": unit_id},
    )
    return new_id


def _fix_parents(conn: Any, copies: dict[tuple[int, str], int]) -> None:
    """A copied internal unit belongs to its parent's copy in the same province."""
    rows = conn.execute(
        sa.text("SELECT id, parent_id, province FROM units WHERE parent_id IS NOT NULL")
    ).all()
    for unit_id, parent_id, province in rows:
        target = copies.get((parent_id, province))
        if target is not None and target != parent_id:
            conn.execute(
                sa.text("UPDATE units SET parent_id = :p WHERE id = :i"),
                {"p": target, "i": unit_id},
            )


def downgrade() -> None:
    conn = op.get_bind()
    _merge_namesakes(conn)
    # Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): a batch copy of "units" would
    # drop the table under the foreign keys that point at it.
    op.drop_index('uq_unit_aliases_unit_folded', table_name='unit_aliases')
    op.drop_index('ix_unit_aliases_folded', table_name='unit_aliases')
    op.create_index('ix_unit_aliases_folded', 'unit_aliases', ['folded'], unique=True)
    op.drop_index('uq_units_folded_province', table_name='units')
    op.drop_index('ix_units_folded', table_name='units')
    op.create_index('ix_units_folded', 'units', ['folded'], unique=True)
    op.drop_column('units', 'province')
    op.drop_column('documents', 'province')
    op.drop_column('documents', 'jurisdiction')


def _merge_namesakes(conn: Any) -> None:
    """Units of one name in several provinces become one again (the oldest row), and
    an alias held by several units stays only with the oldest of them."""
    rows = conn.execute(sa.text("SELECT id, folded FROM units ORDER BY id")).all()
    keep: dict[str, int] = {}
    for unit_id, folded in rows:
        first = keep.setdefault(folded, unit_id)
        if first == unit_id:
            continue
        params = {"k": first, "d": unit_id}
        conn.execute(
            sa.text(
                "DELETE FROM task_units WHERE unit_id = :d AND EXISTS (SELECT 1 FROM task_units o "
                "WHERE o.unit_id = :k AND o.task_id = task_units.task_id AND o.role = task_units.role)"
            ),
            params,
        )
        for table, column in (
            ("task_units", "unit_id"),
            ("users", "unit_id"),
            ("invites", "unit_id"),
            ("progress_reports", "unit_id"),
            ("units", "parent_id"),
        ):
            conn.execute(sa.text(f"UPDATE {table} SET {column} = :k WHERE {column} = :d"), params)
        conn.execute(sa.text("DELETE FROM unit_aliases WHERE unit_id = :d"), params)
        conn.execute(sa.text("DELETE FROM units WHERE id = :d"), params)
    conn.execute(
        sa.text(
            "DELETE FROM unit_aliases WHERE id NOT IN "
            "(SELECT MIN(id) FROM unit_aliases GROUP BY folded)"
        )
    )
