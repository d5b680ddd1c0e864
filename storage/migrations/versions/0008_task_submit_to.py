"""tasks: the level a task's product is submitted to ("Cấp trình")

Revision ID: 0008
Revises: 0007j
Create Date: 2026-12-03 07:00:00

Programmes of the Government list, beside each task's product, who approves it
(Chính phủ, Thủ tướng Chính phủ, Bộ Chính trị …). Existing rows get NULL: a plan
loaded again fills the column.
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007j'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ALTER on both databases: SQLite's batch mode would copy and drop the table,
    # and dropping it cascades to the task links.
    op.add_column('tasks', sa.Column('submit_to', sa.Text(), nullable=True))


def downgrade() -> None:
    op.execute('ALTER TABLE tasks DROP COLUMN submit_to')  # SQLite >= 3.35, PostgreSQL
