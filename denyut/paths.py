"""Every directory the project knows, in one place. Imports nothing from the project."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = ROOT / "config"
DEFAULT_CONFIG = CONFIG_DIR / "denyut.yaml"
DEMO_CONFIG = CONFIG_DIR / "demo.yaml"
SITE_DIR = ROOT / "site"
MKDOCS_YML = ROOT / "mkdocs.yml"
MODELS_DIR = ROOT / "analysis" / "models"
EMBEDDED_MODEL_DIR = MODELS_DIR / "embedded"
RESOURCES_DIR = ROOT / "analysis" / "resources"
SHARED_DATA = ROOT.parent / "shared" / "data"
PUBLIC_DATA_CACHE = ROOT / ".cache" / "labelled-data"  # the same files, fetched when ../shared is absent
