"""What the channels themselves say (in Babel), outside the conversation Rasa runs."""

from __future__ import annotations

from api.i18n import N_

CHANNEL_TEXTS = {
    "non_text": N_("I can only read text for now. You can type your question, or ask for a call-back."),
    "opted_out": N_("Okay: Wegwijs will not send you messages any more. If you write again, I answer again."),
    "forget_question": N_("Shall I delete everything I keep about you: this conversation, how to reach you, your "
                          "questions and your call-back requests? This cannot be undone."),
    "forget_yes": N_("Yes, delete it"),
    "forget_no": N_("No, keep it"),
    "forget_kept": N_("Nothing was deleted. What can I help you with?"),
    "forgotten": N_("Done. I deleted: conversation events: {messages}; contact details: {contacts}; call-back "
                    "requests: {callbacks}; your logged questions: {questions}. If you write again, we start from "
                    "zero."),
    "exported": N_("This is what Wegwijs keeps about you: conversation events: {messages}; contact details: "
                   "{contacts}; call-back requests: {callbacks}; logged questions: {questions}; messages for you: "
                   "{outbound}. For a full copy, ask a staff member of the city (with your call-back reference if "
                   "you have one). You can also have everything deleted."),
    "share_phone": N_("Share my number"),
    "own_number": N_("Or use the number you are writing from: {phone}"),
    "use_own_number": N_("Use this number"),
    "choose": N_("Choose"),
}

# Telegram's command menu, registered per language.
COMMANDS = {
    "start": N_("Start again"),
    "help": N_("What I can do"),
    "language": N_("Choose your language"),
    "human": N_("A person calls you back"),
    "privacy": N_("What happens with your data"),
    "export": N_("What I keep about you"),
    "forget": N_("Delete everything about you"),
    "stop": N_("No more messages from Wegwijs"),
}
