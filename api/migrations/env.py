"""Alembic environment: migrates the configured application database."""

from alembic import context

from api.db import get_engine
from api.models import Base

with get_engine().connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
