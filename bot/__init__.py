"""What the rasa process loads from us: NLU components, the tracker store, the NLG client."""

from bot import action_server, graph_runner

action_server.install()
graph_runner.install()
