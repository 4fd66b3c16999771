"""What the rasa process loads from us: NLU components, tracker store, NLG client, and replacements of Rasa pieces."""

from bot import action_server, graph_runner

action_server.install()
graph_runner.install()
