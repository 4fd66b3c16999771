"""Every table, imported in one place for Alembic."""

from api.callbacks.models import CallbackEvent, CallbackRequest
from api.catalogue.models import Fact, Service
from api.channels.models import OutboundMessage, ProcessedMessage
from api.db import Base
from api.questions.models import LoggedQuestion, QuestionCount, QuestionGroup
from api.staff.models import StaffSession, StaffUser

__all__ = ["Base", "CallbackEvent", "CallbackRequest", "Fact", "LoggedQuestion", "OutboundMessage", "ProcessedMessage", "QuestionCount", "QuestionGroup", "Service", "StaffSession", "StaffUser"]
