"""The cases app's modules import one another without a circle: one module decides, the others call it."""
import ast
from pathlib import Path

import zwfw.cases

APP = Path(zwfw.cases.__file__).parent


def _local_imports(path: Path) -> set[str]:
    """Modules of the cases app that ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                if node.module:
                    found.add(node.module.split(".")[0])
                else:
                    found.update(a.name for a in node.names)
            elif node.module and node.module.startswith("zwfw.cases."):
                found.add(node.module.split(".")[2])
    return found


def _graph() -> dict[str, set[str]]:
    modules = {p.stem: p for p in APP.glob("*.py")}
    return {name: _local_imports(path) & set(modules) for name, path in modules.items()}


def _cycle_from(graph, start):
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def test_no_import_circle_in_the_cases_app():
    graph = _graph()
    circles = [c for c in (_cycle_from(graph, m) for m in sorted(graph)) if c]
    assert circles == [], " → ".join(circles[0]) if circles else ""


def test_acceptance_decides_and_the_writers_call_it():
    graph = _graph()
    assert not graph["acceptance"] & {"actions", "automatic", "intake", "services"}
    assert "acceptance" in graph["actions"] and "acceptance" in graph["automatic"] and "acceptance" in graph["intake"]
