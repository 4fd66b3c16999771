"""The knowledge to browse at the desk: topics in the order the front desk needs them, and their common questions."""

from __future__ import annotations

from api.answers.topics import MAIN_INTENT, topic_of_intent
from api.i18n import N_

# The four main topics of the child poverty plan first, then the others, then the helplines.
BROWSE_TOPICS = (*MAIN_INTENT, "emergency")

# How a parent would ask for the answer to each intent; the link text when browsing.
COMMON_QUESTIONS = {
    "childcare_find_place": N_("Where do I find a place in childcare?"),
    "childcare_price": N_("What does childcare cost?"),
    "childcare_occasional": N_("Is there childcare for a few hours?"),
    "childcare_after_school": N_("Is there care after school and in the holidays?"),
    "uitpas_what": N_("What is an UiTPAS?"),
    "uitpas_get": N_("How do I get an UiTPAS?"),
    "uitpas_kansentarief": N_("Who pays less with an UiTPAS?"),
    "uitpas_where_use": N_("Where can I use my UiTPAS?"),
    "uitpas_lost_card": N_("I lost my UiTPAS. What now?"),
    "housing_register": N_("How do I register for social housing?"),
    "housing_wait": N_("Why is the wait for social housing so long?"),
    "housing_large_family": N_("We are a large family. Is there a bigger house?"),
    "housing_private_rental": N_("Is there help with renting from a private landlord?"),
    "housing_bad_condition": N_("My house is damp or in bad condition. What can I do?"),
    "housing_eviction": N_("My landlord wants me out. What can I do?"),
    "housing_energy": N_("My energy bills are too high. Who can help?"),
    "school_max_bill": N_("How much may a school ask?"),
    "school_allowance": N_("How do I get the school allowance?"),
    "school_unpaid_bill": N_("I cannot pay the school bill. What now?"),
    "school_trips": N_("My child cannot go on a school trip because of the money."),
    "school_homework": N_("Where can my child get help with homework?"),
    "food_help": N_("Where can I get food or cheap meals?"),
    "money_debt_help": N_("I have debts. Who can help me?"),
    "health_costs": N_("The doctor is too expensive. Is there help?"),
    "parenting_support": N_("Where can I get help with raising my child?"),
    "emergency_urgent": N_("Someone is in danger right now."),
    "emergency_violence": N_("There is violence at home."),
    "emergency_suicide": N_("I do not want to live any more."),
}


def intents_of(topic: str) -> list[str]:
    """Returns the intents of a topic, in the order of the topic contract."""
    return [intent for intent, owner in topic_of_intent().items() if owner == topic]


def browsable_intents() -> list[str]:
    """Returns every intent whose answer can be browsed and printed, topic by topic."""
    return [intent for topic in BROWSE_TOPICS for intent in intents_of(topic)]
