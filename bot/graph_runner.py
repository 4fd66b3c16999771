"""How rasa runs its trained graph for each message and each prediction: node by node, in an order worked out once.

Rasa's DaskGraphRunner works out the nodes a run needs anew for every run (a walk that visits shared ancestors once
per path) and hands them to dask's synchronous scheduler; both cost more than several of the components themselves.
This runner calls the same nodes with the same inputs in the same dependency order, so its results are identical.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core import processor
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


class PlannedGraphRunner(DaskGraphRunner):
    """Runs the prediction graph without dask, in a dependency order kept per set of targets."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Instantiates the nodes as Rasa's runner does; orders are worked out on first use."""
        super().__init__(*args, **kwargs)
        self._orders: Dict[tuple, List[Text]] = {}

    def run(self, inputs: Optional[Dict[Text, Any]] = None, targets: Optional[List[Text]] = None) -> Dict[Text, Any]:
        """Runs the nodes the targets need and returns the targets' outputs, as DaskGraphRunner.run does."""
        run_targets = tuple(targets if targets else self._graph_schema.target_names)
        # Like dask, a node receives each input as a (name, value) pair, and the bare name of an input nobody provided.
        outputs: Dict[Text, Any] = {}
        for name, value in (inputs or {}).items():
            if name in self._graph_schema.nodes:
                raise GraphRunError(f"Input value '{name}' clashes with a node name.")
            outputs[name] = (name, value)
        try:
            for name in self._order(run_targets):
                needs = self._graph_schema.nodes[name].needs.values()
                outputs[name] = self._instantiated_nodes[name](*(outputs.get(need, need) for need in needs))
        except RuntimeError as error:
            raise GraphRunError("Error running runner.") from error
        return dict(outputs[target] for target in run_targets)

    def _order(self, targets: tuple[Text, ...]) -> List[Text]:
        """Returns the nodes the targets need, each after the nodes it needs."""
        if targets not in self._orders:
            order: List[Text] = []

            def visit(name: Text) -> None:
                """Adds a node after the nodes it needs."""
                if name in order or name not in self._graph_schema.nodes:
                    return
                for need in self._graph_schema.nodes[name].needs.values():
                    visit(need)
                order.append(name)

            for target in targets:
                visit(target)
            self._orders[targets] = order
        return self._orders[targets]


def install() -> None:
    """Makes rasa load its models with this runner."""
    processor.DaskGraphRunner = PlannedGraphRunner
