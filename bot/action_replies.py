"""Rasa's check of each action server reply, with the schema checked once instead of on every reply."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema import exceptions, validators
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def reply_validator() -> Any:
    """Returns the validator of Rasa's action reply format, its schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def validate_action_result(_action: RemoteAction, result: Dict[Text, Any]) -> bool:
    """Validates a reply as Rasa does, raising the same error with the same hint."""
    error = exceptions.best_match(reply_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the Action endpoint "
            f"is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    """Makes Rasa validate action replies with the validator built once.

    jsonschema's validate() checks the schema itself against the meta-schema on every call; in a turn that was more
    than a fifth of rasa's processor time.
    """
    RemoteAction._validate_action_result = validate_action_result
