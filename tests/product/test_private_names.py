"""No module of khabar imports or uses another module's private (`_name`) names: what a module
shares it names without a leading underscore."""
from __future__ import annotations

import ast

from test_imports import khabar_modules

# (module, private name of another module) -> why it is allowed
ALLOWED: dict[tuple[str, str], str] = {}


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_names(tree: ast.AST) -> set[str]:
    """The private names a module defines: functions, classes, methods, variables, attributes, arguments."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.add(node.asname or node.name.split(".")[0])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.add(node.value)  # __slots__ entries, getattr names
    return {n for n in names if is_private(n)}


def private_uses(sources: dict[str, str]) -> list[str]:
    """'module:line: what' for each import of another module's private name, each use of a module's
    private attribute through that module, and each use of an attribute `x._name` that only other
    modules define."""
    trees = {module: ast.parse(text) for module, text in sources.items()}
    defined = {module: private_names(tree) for module, tree in trees.items()}
    found = []
    for module, tree in trees.items():
        elsewhere = set().union(*(names for other, names in defined.items() if other != module))
        modules_named = {}  # local name -> the khabar module it is bound to
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in sources and alias.asname:
                        modules_named[alias.asname] = alias.name
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "khabar":
                for alias in node.names:
                    if is_private(alias.name):
                        found.append((module, node.lineno, alias.name, f"imports {node.module}.{alias.name}"))
                    if f"{node.module}.{alias.name}" in sources:
                        modules_named[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute) or not is_private(node.attr) or isinstance(node.ctx, ast.Store):
                continue
            owner = node.value.id if isinstance(node.value, ast.Name) else None
            if owner in modules_named:
                found.append((module, node.lineno, node.attr, f"uses {modules_named[owner]}.{node.attr}"))
            elif owner not in ("self", "cls") and node.attr in elsewhere and node.attr not in defined[module]:
                found.append((module, node.lineno, node.attr, f"uses {ast.unparse(node)}, private to another module"))
    return [f"{module}:{line}: {what}" for module, line, name, what in found if (module, name) not in ALLOWED]


def test_the_checker_finds_private_imports_and_calls():
    sources = {
        "khabar.a": "def _helper(): pass\nclass Graph:\n    def _select(self): return self._rows\n",
        "khabar.b": "from khabar.a import _helper\n",
        "khabar.c": "from khabar import a\na._helper()\n",
        "khabar.d": "def report(kg):\n    return kg._select()\n",
        "khabar.e": "from khabar.a import Graph\ndef rows(g):\n    return g.select()\n",
    }
    assert private_uses(sources) == ["khabar.b:1: imports khabar.a._helper", "khabar.c:2: uses khabar.a._helper",
                                     "khabar.d:2: uses kg._select, private to another module"]


def test_no_module_uses_another_modules_private_names():
    sources = {module: path.read_text(encoding="utf-8") for module, path in khabar_modules().items()}
    assert len(sources) > 50
    assert private_uses(sources) == []
