"""Every table, imported in one place for Alembic."""

from api.catalogue.models import Fact, Service
from api.channels.models import ProcessedMessage
from api.db import Base
from api.questions.models import LoggedQuestion

__all__ = ["Base", "Fact", "LoggedQuestion", "ProcessedMessage", "Service"]
