"""Initial schema: exactly the tables ``METADATA.create_all`` made before Alembic owned the schema.

A database from then has these tables and no ``alembic_version``: ``bot.state.db.migrate`` stamps it as this
revision instead of running it.

Revision ID: 0001
Revises:

"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('feedback',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('answer_key', sa.String(length=64), nullable=False),
    sa.Column('voter', sa.String(length=128), nullable=False),
    sa.Column('rating', sa.String(length=4), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('citations', sa.Text(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('answer_key', 'voter', name='one_vote_per_answer_and_voter')
    )
    op.create_table('slack_answers',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('team', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('thread_ts', sa.String(length=32), nullable=False),
    sa.Column('user', sa.String(length=32), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('top_level', sa.Boolean(), nullable=False),
    sa.Column('at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    with op.batch_alter_table('slack_answers', schema=None) as batch_op:
        batch_op.create_index('slack_answers_channel_at', ['team', 'channel', 'at'], unique=False)

    op.create_table('slack_claims',
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.Column('at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('slack_rate_hits',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('who', sa.String(length=255), nullable=False),
    sa.Column('at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('slack_rate_hits', schema=None) as batch_op:
        batch_op.create_index('slack_rate_hits_who_at', ['who', 'at'], unique=False)

    op.create_table('slack_threads',
    sa.Column('team', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('thread_ts', sa.String(length=32), nullable=False),
    sa.Column('user', sa.String(length=32), nullable=False),
    sa.Column('at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('team', 'channel', 'thread_ts', 'user', name='slack_thread_asker')
    )
    op.create_table('web_exchanges',
    sa.Column('answer_key', sa.String(length=32), nullable=False),
    sa.Column('conversation', sa.String(length=32), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('previous', sa.Text(), nullable=True),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('vote', sa.String(length=4), nullable=True),
    sa.Column('suggestions', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('answer_key')
    )
    with op.batch_alter_table('web_exchanges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_exchanges_conversation'), ['conversation'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('web_exchanges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_exchanges_conversation'))

    op.drop_table('web_exchanges')
    op.drop_table('slack_threads')
    with op.batch_alter_table('slack_rate_hits', schema=None) as batch_op:
        batch_op.drop_index('slack_rate_hits_who_at')

    op.drop_table('slack_rate_hits')
    op.drop_table('slack_claims')
    with op.batch_alter_table('slack_answers', schema=None) as batch_op:
        batch_op.drop_index('slack_answers_channel_at')

    op.drop_table('slack_answers')
    op.drop_table('feedback')
