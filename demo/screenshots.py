"""Screenshots for review: the built site's home and latest weekly page at desktop and phone width, and the latest
week's map of the provinces (the tile grid alone) and a regional page.

Serves the site on localhost and drives Debian's Chromium through Playwright.
"""

from __future__ import annotations

import argparse
import json
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from denyut.config import load_config

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m demo.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--out", type=Path, default=Path("build/screenshots"))
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    config = load_config(args.config)
    latest = json.loads((config.public_dir / ".denyut-build.json").read_text())["weeks"][-1].lower()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(config.public_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for size, viewport in SIZES.items():
            page = browser.new_page(viewport=viewport, device_scale_factor=1)
            regions = sorted((config.public_dir / "laporan" / "wilayah").glob(f"{latest}-*"))
            shots = [("beranda", ""), (f"laporan-{latest}", f"laporan/{latest}/")]
            shots += [(f"wilayah-{regions[0].name}", f"laporan/wilayah/{regions[0].name}/")] if regions else []
            for name, path in shots:
                page.goto(base + path, wait_until="networkidle")
                target = args.out / f"{name}-{size}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            page.goto(base + f"laporan/{latest}/", wait_until="networkidle")
            figure = page.locator("figure.denyut-peta").first
            if figure.count():
                target = args.out / f"peta-wilayah-{latest}-{size}.png"
                figure.screenshot(path=str(target))
                print(target)
            page.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
