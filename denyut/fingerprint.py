"""What a stage's output depends on, as one hash: the staleness check of every stage.

Like owid/etl's `checksum_input`: the hash covers the project modules a stage runs (the
transitive closure of its imports, read from the source, so it is the same in every process),
the resource files those modules read (each module declares them with `resource()`), the
input files of the unit being built, and the settings it uses (as parsed values, so a
comment in a YAML file changes nothing). Edit any of these and the stage re-runs the units
whose fingerprint changed, and only those.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import json
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from denyut import __version__

PROJECT_PACKAGES = ("denyut", "collectors", "analysis")
_RESOURCES: dict[str, list[Path]] = {}


def resource(path: Path | str, module: str | None = None) -> Path:
    """Declare, at module level, a file or folder this module reads; returns the path.

    `module` defaults to the caller's module name."""
    name = module or sys._getframe(1).f_globals["__name__"]
    path = Path(path)
    if path not in _RESOURCES.setdefault(name, []):
        _RESOURCES[name].append(path)
    return path


@cache
def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    return Path(next(iter(spec.submodule_search_locations)))


def _module_file(name: str, tops: tuple[str, ...] = PROJECT_PACKAGES) -> Path | None:
    top, *rest = name.split(".")
    if top not in tops:
        return None
    base = _package_dir(top).joinpath(*rest)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(name: str, path: Path) -> set[str]:
    """Project modules named by any import statement of a module (function-level ones too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    # a module's parent packages run first
    found.update(".".join(part.split(".")[:i]) for part in list(found) for i in range(1, part.count(".") + 1))
    return {m for m in found if _module_file(m, PROJECT_PACKAGES + (name.split(".")[0],)) is not None}


@cache
def modules(entry: str) -> tuple[tuple[str, Path], ...]:
    """(module name, file) of every project module `entry` imports, directly or not, itself included."""
    seen: dict[str, Path] = {}
    todo = [entry] + [".".join(entry.split(".")[:i]) for i in range(1, entry.count(".") + 1)]  # its packages run first
    tops = tuple(dict.fromkeys((*PROJECT_PACKAGES, entry.split(".")[0])))  # a signal's package outside the project
    while todo:
        name = todo.pop()
        path = _module_file(name, tops)
        if name in seen or path is None:
            continue
        seen[name] = path
        todo.extend(_imports(name, path) - seen.keys())
    return tuple(sorted(seen.items()))


def _files_under(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return [path]


def _digest_files(digest, paths: Iterable[Path]) -> None:
    for path in paths:
        for file in _files_under(Path(path)):
            digest.update(file.name.encode())
            digest.update(b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest() if file.exists() else b"missing")


def code(entry: str, extra: Iterable[str] = ()) -> str:
    """Hash of the modules `entry` runs and of the resources they declared; `extra`: modules it loads by name (the
    registered signals), with theirs."""
    for name in (entry, *extra):
        importlib.import_module(name)  # its module-level `resource()` calls (and its imports') have run
    digest = hashlib.sha256(__version__.encode())
    for name, path in sorted(dict(pair for e in (entry, *extra) for pair in modules(e)).items()):
        digest.update(name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
        _digest_files(digest, _RESOURCES.get(name, []))
    return digest.hexdigest()


def code_files(entry: str, extra: Iterable[str] = ()) -> list[Path]:
    """Every file `code(entry, extra)` covers (for documentation and tests)."""
    for name in (entry, *extra):
        importlib.import_module(name)
    covered = dict(pair for e in (entry, *extra) for pair in modules(e))
    return list(covered.values()) + [f for name in covered for r in _RESOURCES.get(name, []) for f in _files_under(r)]


def fingerprint(entry: str, files: Iterable[Path] = (), settings: object = None, extra: Iterable[str] = ()) -> str:
    """One hash over a stage's code (see `code`), the input files of one unit (names and bytes) and its settings."""
    digest = hashlib.sha256(code(entry, tuple(extra)).encode())
    _digest_files(digest, files)
    digest.update(json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str).encode())
    return digest.hexdigest()
