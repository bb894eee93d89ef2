"""A non-editable `pip install .`: the code, model, word lists and templates travel with the package;
the project folder (config/, site/, mkdocs.yml) is found from DENYUT_HOME or the current folder,
or the error says where it was expected."""

import os
import shutil
import subprocess
import sys

import pytest

from denyut.paths import PACKAGE_ROOT

SKIP = shutil.ignore_patterns(".git", ".venv", "build", "data", "public", ".cache", "reports", "__pycache__", "*.egg-info",
                              ".pytest_cache", "tests", "bench")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    base = tmp_path_factory.mktemp("install")
    shutil.copytree(PACKAGE_ROOT, base / "src", ignore=SKIP)
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                             "--no-index", "--target", str(base / "site-packages"), str(base / "src")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    (base / "elsewhere").mkdir()
    return base


def _run(installed, *args, home=None):
    env = {k: v for k, v in os.environ.items() if k != "DENYUT_HOME"} | {"PYTHONPATH": str(installed / "site-packages")}
    if home:
        env["DENYUT_HOME"] = str(home)
    return subprocess.run([sys.executable, *args], cwd=installed / "elsewhere", env=env, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.slow
def test_the_installed_package_classifies_a_file_with_its_own_model_and_word_lists(installed):
    (installed / "elsewhere" / "in.csv").write_text("id,text\n1,kecewa berat antre lama sekali\n")
    where = _run(installed, "-c", "import analysis, denyut.normalize as n; print(analysis.__file__); print(n.SLANG)")
    assert where.stdout.count(str(installed / "site-packages")) == 2, where.stdout
    result = _run(installed, "-m", "analysis.sentiment", "--in", "in.csv", "--out", "out.csv")
    assert result.returncode == 0, result.stderr
    assert (installed / "elsewhere" / "out.csv").read_text().splitlines()[1].startswith("1,kecewa berat antre lama sekali,negative,")


@pytest.mark.slow
def test_outside_the_project_folder_a_stage_says_where_the_config_was_expected(installed):
    result = _run(installed, "-m", "denyut", "report")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(installed / "elsewhere" / "config" / "denyut.yaml") in result.stderr and "DENYUT_HOME" in result.stderr


@pytest.mark.slow
def test_denyut_home_points_an_installed_package_at_the_project_folder(installed):
    result = _run(installed, "-c", "from denyut.paths import MKDOCS_YML, SITE_DIR; from denyut.config import load_config; "
                  "c = load_config(); print(MKDOCS_YML.is_file(), SITE_DIR.is_dir(), c.issues_path.is_file())",
                  home=installed / "src")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]


def test_every_package_the_code_imports_is_declared_and_every_declared_one_is_used():
    """pyproject.toml names what the code imports (from PyPI), and nothing it does not."""
    import ast
    import re
    import tomllib
    from importlib.metadata import packages_distributions

    project = tomllib.loads((PACKAGE_ROOT / "pyproject.toml").read_text())["project"]
    declared = {re.split(r"[=<>\[ ]", d)[0].lower().replace("_", "-") for d in project["dependencies"]}
    extras = {re.split(r"[=<>\[ ]", d)[0].lower().replace("_", "-") for ds in project["optional-dependencies"].values()
              for d in ds}
    ours = {"analysis", "collectors", "denyut", "demo", "tests", "bench"}
    imported = set()
    for folder in ("analysis", "collectors", "denyut", "demo"):
        for path in (PACKAGE_ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    imported |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    imported.add(node.module.split(".")[0])
    distributions = packages_distributions()
    used = set()
    for module in imported - ours - set(sys.stdlib_module_names):
        names = {d.lower().replace("_", "-") for d in distributions.get(module, [])}
        assert names & (declared | extras), f"{module} is imported but its distribution {names or '?'} is not declared"
        used |= names
    # declared for the tools they run (mkdocs and its theme, snscrape's scrapers) or for their data, not imported by name
    run_not_imported = {"mkdocs", "mkdocs-material", "snscrape", "pillow", "google-api-python-client", "mastodon-py"}
    assert declared - used - run_not_imported == set()


def test_the_lock_files_pin_what_pyproject_pins():
    """make installs from requirements/*.lock: each of them holds every direct dependency at its pyproject version."""
    import re
    import tomllib

    project = tomllib.loads((PACKAGE_ROOT / "pyproject.toml").read_text())["project"]

    def pins(lines):
        found = {}
        for line in lines:
            match = re.match(r"^([A-Za-z0-9_.\[\]-]+)==([^\s;]+)", line.strip())
            if match:
                found[re.sub(r"\[.*\]", "", match[1]).lower().replace("_", "-")] = match[2]
        return found

    base = pins((PACKAGE_ROOT / "requirements" / "base.lock").read_text().splitlines())
    test = pins((PACKAGE_ROOT / "requirements" / "test.lock").read_text().splitlines())
    extras = [d for ds in project["optional-dependencies"].values() for d in ds]
    assert pins(project["dependencies"]).items() <= base.items()
    assert pins(project["dependencies"] + extras).items() <= test.items()
