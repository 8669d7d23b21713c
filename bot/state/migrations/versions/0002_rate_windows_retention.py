"""Rate limit as one counter row per user (an atomic upsert), and the time indexes that make pruning cheap.

The old per-message hit log is dropped: its counts only matter for a minute.

Revision ID: 0002
Revises: 0001

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('slack_rate_windows',
    sa.Column('who', sa.String(length=255), nullable=False),
    sa.Column('started', sa.Float(), nullable=False),
    sa.Column('hits', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('who')
    )
    with op.batch_alter_table('slack_rate_windows', schema=None) as batch_op:
        batch_op.create_index('slack_rate_windows_started', ['started'], unique=False)

    with op.batch_alter_table('slack_rate_hits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('slack_rate_hits_who_at'))

    op.drop_table('slack_rate_hits')
    with op.batch_alter_table('slack_answers', schema=None) as batch_op:
        batch_op.create_index('slack_answers_at', ['at'], unique=False)

    with op.batch_alter_table('slack_claims', schema=None) as batch_op:
        batch_op.create_index('slack_claims_at', ['at'], unique=False)

    with op.batch_alter_table('slack_threads', schema=None) as batch_op:
        batch_op.create_index('slack_threads_at', ['at'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('slack_threads', schema=None) as batch_op:
        batch_op.drop_index('slack_threads_at')

    with op.batch_alter_table('slack_claims', schema=None) as batch_op:
        batch_op.drop_index('slack_claims_at')

    with op.batch_alter_table('slack_answers', schema=None) as batch_op:
        batch_op.drop_index('slack_answers_at')

    op.create_table('slack_rate_hits',
    sa.Column('id', sa.INTEGER(), nullable=False),
    sa.Column('who', sa.VARCHAR(length=255), nullable=False),
    sa.Column('at', sa.FLOAT(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('slack_rate_hits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('slack_rate_hits_who_at'), ['who', 'at'], unique=False)

    with op.batch_alter_table('slack_rate_windows', schema=None) as batch_op:
        batch_op.drop_index('slack_rate_windows_started')

    op.drop_table('slack_rate_windows')
