"""What the rasa process loads from us: NLU components, the tracker store, the NLG client."""

from bot import action_server

action_server.install()
