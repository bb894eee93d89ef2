"""docs/architecture.md is the map of the code: every module and folder of the packages is on it."""

import re

import pytest

from denyut.paths import PACKAGE_ROOT

DOC = (PACKAGE_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
PACKAGES = ("denyut", "collectors", "analysis")


def _modules():
    for package in PACKAGES:
        for path in sorted((PACKAGE_ROOT / package).rglob("*.py")):
            if path.name not in ("__init__.py", "__main__.py") and "__pycache__" not in path.parts:
                yield path.relative_to(PACKAGE_ROOT)


@pytest.mark.parametrize("module", list(_modules()), ids=str)
def test_every_module_is_on_the_map(module):
    assert re.search(rf"\b{re.escape(module.name)}\b", DOC), f"{module} is missing from docs/architecture.md"


def test_every_folder_of_the_packages_is_on_the_map():
    folders = {p.relative_to(PACKAGE_ROOT) for package in PACKAGES for p in (PACKAGE_ROOT / package).rglob("*")
               if p.is_dir() and "__pycache__" not in p.parts}
    missing = [str(f) for f in sorted(folders) if f"{f.name}/" not in DOC]
    assert missing == []


def test_no_function_of_the_packages_is_longer_than_sixty_lines():
    import ast

    long = []
    for package in (*PACKAGES, "demo", "bench"):
        for path in sorted((PACKAGE_ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > 60:
                    long.append(f"{path.relative_to(PACKAGE_ROOT)}:{node.lineno} {node.name}")
    assert long == []
