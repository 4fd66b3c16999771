"""Every table, imported in one place for Alembic."""

from api.callbacks.models import CallbackEvent, CallbackRequest
from api.catalogue.models import CatalogueChange, Fact, Service
from api.channels.models import ButtonPayload, Contact, DeliveryStatus, OutboundMessage, ProcessedMessage
from api.db import Base
from api.questions.models import LoggedQuestion, QuestionCount, QuestionGroup
from api.staff.models import StaffSession, StaffUser

__all__ = [
    "Base", "ButtonPayload", "CallbackEvent", "CallbackRequest", "CatalogueChange", "Contact", "DeliveryStatus", "Fact",
    "LoggedQuestion", "OutboundMessage", "ProcessedMessage", "QuestionCount", "QuestionGroup", "Service",
    "StaffSession", "StaffUser",
]
