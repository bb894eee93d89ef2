"""Every directory the project knows, in one place. Imports nothing from the project but its errors.

Two roots: the packages (code, the shipped model, resources, templates: installed with the
package) and the project folder (config/, site/, mkdocs.yml, data/: a checkout or a working
folder). In a checkout they are the same folder. After a non-editable `pip install .` the
project folder is $DENYUT_HOME, else the current directory.
"""

import os
from pathlib import Path

from denyut.errors import ConfigError

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def _project_dir() -> Path:
    if os.environ.get("DENYUT_HOME"):
        return Path(os.environ["DENYUT_HOME"]).resolve()
    if (PACKAGE_ROOT / "mkdocs.yml").is_file():
        return PACKAGE_ROOT
    return Path.cwd().resolve()


ROOT = _project_dir()
CONFIG_DIR = ROOT / "config"
DEFAULT_CONFIG = CONFIG_DIR / "denyut.yaml"
DEMO_CONFIG = CONFIG_DIR / "demo.yaml"
SITE_DIR = ROOT / "site"
MKDOCS_YML = ROOT / "mkdocs.yml"
SHARED_DATA = ROOT.parent / "shared" / "data"
PUBLIC_DATA_CACHE = ROOT / ".cache" / "labelled-data"  # the same files, fetched when ../shared is absent

MODELS_DIR = PACKAGE_ROOT / "analysis" / "models"
EMBEDDED_MODEL_DIR = MODELS_DIR / "embedded"
RESOURCES_DIR = PACKAGE_ROOT / "denyut" / "resources"


def project_file(path: Path, what: str) -> Path:
    """A file of the project folder, or a ConfigError that says where it was expected and how to point there."""
    if not path.exists():
        raise ConfigError(
            f"{what} tidak ditemukan: {path}. Jalankan dari folder proyek Denyut (yang berisi config/, site/ dan "
            f"mkdocs.yml) atau set DENYUT_HOME ke folder itu.")
    return path
