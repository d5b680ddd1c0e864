"""alerts: join the unit-of-work and progress branches into one chain

Revision ID: 0007
Revises: 0002, 0006
Create Date: 2026-12-01 22:00:00

The alerts need no table of their own: per-person settings live in
``users.settings`` (JSON), the scheduler's last tick in ``channel_state`` and
every planned alert in the outbox (its dedupe key). This revision only merges
the two heads this branch carries; the integrator re-chains the numbers.
"""
from __future__ import annotations


revision = '0007'
down_revision = ('0002', '0006')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
