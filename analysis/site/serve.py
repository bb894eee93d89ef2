"""Serve a built site on http://127.0.0.1:8000/: the one built last (demo or real data; it says which),
or with --config the one of that config. Localhost only: it is for looking, not for publishing."""

from __future__ import annotations

import json
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from analysis.site.build import marker
from denyut.cli import Stage, stage_main
from denyut.config import load_config
from denyut.errors import StageError
from denyut.paths import ROOT


def chosen(config_path: str | None) -> tuple[Path, str]:
    """(folder, a line saying what it is)."""
    if config_path:
        config = load_config(config_path)
        if (config.public_dir / "index.html").is_file():
            folder, what = config.public_dir, f"situs terbitan dari {config_path}"
        else:
            folder, what = config.preview_dir, f"pratinjau situs dari {config_path} (belum ada yang diterbitkan)"
    elif marker(ROOT).is_file():
        last = json.loads(marker(ROOT).read_text(encoding="utf-8"))
        kind = "data demo (sintetis)" if last["demo"] else "data sungguhan"
        folder, what = Path(last["public_dir"]), f"situs {kind} yang terakhir dibangun ({last['built_at']}, {last['config']})"
    else:
        raise StageError("serve", None, "belum ada situs yang dibangun: jalankan `make demo` atau `make site` dulu")
    if not (folder / "index.html").is_file():
        raise StageError("serve", None, f"{folder} tidak berisi situs: jalankan `make site` (atau `make demo`) dulu")
    return folder, what


def _command(args) -> int:
    folder, what = chosen(args.config)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), partial(SimpleHTTPRequestHandler, directory=str(folder)))
    port = server.server_address[1]  # the one bound: --port 0 takes any free port
    print(f"Menyajikan {what}\n  dari {folder}\n  di http://127.0.0.1:{port}/ (Ctrl-C untuk berhenti)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0


STAGE = Stage("serve", "python -m analysis.site.serve", __doc__, _command,
              options=[("--port", {"type": int, "default": 8000, "help": "port di 127.0.0.1 (bawaan 8000; 0: port bebas mana pun)"})])

if __name__ == "__main__":
    sys.exit(stage_main(STAGE))
