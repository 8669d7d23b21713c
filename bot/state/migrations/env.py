"""Alembic's environment: always run on a connection :func:`bot.state.db.migrate` opened under its lock."""

from __future__ import annotations

from alembic import context

from bot.state.db import load_tables

connection = context.config.attributes.get("connection")
if connection is None:  # the alembic CLI is not how this project migrates: connect() does it on start-up
    raise RuntimeError("run migrations through bot.state.db.migrate(engine)")

context.configure(connection=connection, target_metadata=load_tables(), render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
