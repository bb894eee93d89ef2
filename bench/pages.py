"""What a phone downloads: each page of the demo site and everything it loads → bench/results/pages.json.

The demo site of this checkout (built with `make demo`, or given with --site) and, with --base REF, the demo site of
another commit (its files from `git archive`, built the same way in build/bench-pages/) are served on localhost by
one server that compresses text with gzip, as a web server does. For each page (home, the latest weekly report, the
reports list, methodology, open data, about, 404), Debian's Chromium at 360 × 740 loads it until the network is
idle, waits three seconds and until it is idle again (Material loads its search index after the page): the bytes
that crossed the wire (gzip where the server compressed) for the page and every resource it requested, and
whether any of them was a chart script (plotly). When a `lighthouse` binary is found ($LIGHTHOUSE,
else PATH), Lighthouse's mobile preset (simulated slow 4G, 4× CPU slowdown) measures the home and the weekly page
--runs times each: performance score, LCP and transfer, the medians. With --base, every figure gets its
ratio (this checkout / base), both measured in the same run on the same machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

from denyut.io import atomic_write_json
from denyut.paths import ROOT
from denyut.timestamps import now_utc

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
DEMO_PUBLIC = Path("build") / "demo" / "public"
TEXT = (".html", ".css", ".js", ".json", ".xml", ".txt", ".csv", ".svg", ".map")
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
LIGHTHOUSE_PAGES = ("home", "weekly")
SETTLE_MS = 3000


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed (level 6, nginx's and Apache's usual) when the browser accepts it."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.suffix in TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def stamped_venv(work: Path) -> Path:
    """The running virtual environment seen through links, with install stamps newer than any checkout's files:
    `make demo` then takes it as installed and never reinstalls it from the checkout being measured."""
    venv = work / "venv"
    venv.mkdir(parents=True, exist_ok=True)
    for entry in Path(sys.prefix).iterdir():
        link = venv / entry.name
        if not entry.name.startswith(".installed") and not link.is_symlink():
            link.symlink_to(entry)
    for stamp in (".installed", ".installed-test"):
        (venv / stamp).touch()
    return venv


def build_demo(checkout: Path, work: Path) -> Path:
    """`make demo` in a checkout, with this virtual environment."""
    venv = stamped_venv(work)
    subprocess.run(["make", "--no-print-directory", f"VENV={venv}", "demo"], cwd=checkout, check=True, stdout=subprocess.DEVNULL)
    return (checkout / DEMO_PUBLIC).resolve()


def checkout_of(ref: str, work: Path) -> tuple[Path, str]:
    """The files of commit `ref` (git archive: no worktree left registered), and its full hash."""
    commit = subprocess.run(["git", "rev-parse", ref], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    target = work / commit[:12]
    if not (target / "Makefile").is_file():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    return target, commit


def pages_of(site: Path) -> dict[str, str]:
    weeks = sorted(p.name for p in (site / "laporan").glob("*-w*") if p.is_dir())
    return {
        "home": "",
        "weekly": f"laporan/{weeks[-1]}/",
        "reports": "laporan/",
        "methodology": "metodologi/",
        "open_data": "data/",
        "about": "tentang/",
        "not_found": "404.html",
    }


def weigh(browser, base: str, path: str) -> dict:
    """One page on a phone: the bytes that crossed the wire for it and every resource it requested."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(base + path, wait_until="networkidle")
    page.wait_for_timeout(SETTLE_MS)  # what starts after the first quiet moment (the search index, its worker) counts
    page.wait_for_load_state("networkidle")
    resources = []
    for request in requests:
        sizes = request.sizes()
        resources.append({"url": request.url[len(base) :], "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"]})
    context.close()
    document = next((r for r in resources if r["url"] == path), {"bytes": 0})
    return {
        "bytes": sum(r["bytes"] for r in resources),
        "html_bytes": document["bytes"],
        "requests": len(resources),
        "chart_script_bytes": sum(r["bytes"] for r in resources if "plotly" in r["url"]),
        "resources": sorted(resources, key=lambda r: -r["bytes"]),
    }


def weigh_site(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
            result = {name: weigh(browser, base, path) for name, path in pages_of(site).items()}
            browser.close()
    finally:
        server.shutdown()
    return result


def lighthouse_binary(given: str | None) -> str | None:
    return given or os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")


def lighthouse_once(binary: str, url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run(
        [
            binary,
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=300,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "transfer_bytes": round(audits["total-byte-weight"]["numericValue"]),
        "lighthouse": report["lighthouseVersion"],
    }


def lighthouse_site(binary: str, site: Path, runs: int, work: Path) -> dict:
    """Lighthouse's mobile preset on the home and the weekly page, `runs` times each: the medians (and every run)."""
    server, base = serve(site)
    out = {}
    try:
        for name in LIGHTHOUSE_PAGES:
            measured = [
                lighthouse_once(binary, base + pages_of(site)[name], work / f"lighthouse-{name}.json") for _ in range(runs)
            ]
            median = {
                key: statistics.median(m[key] for m in measured)
                for key in ("performance", "lcp_ms", "fcp_ms", "tbt_ms", "transfer_bytes")
            }
            out[name] = median | {"lighthouse": measured[0]["lighthouse"], "runs": measured}
    finally:
        server.shutdown()
    return out


def ratios(head: dict, base: dict, keys: tuple[str, ...]) -> dict:
    """head / base for each page and key both have (a figure of 0 in base has no ratio)."""
    return {
        page: {key: round(head[page][key] / base[page][key], 3) for key in keys if base[page].get(key)}
        for page in head
        if page in base
    }


def summary_line(name: str, weights: dict, lighthouse: dict | None) -> str:
    cells = [f"{page} {w['bytes'] / 1024:,.0f} KiB" for page, w in weights.items()]
    if lighthouse:
        cells += [
            f"lighthouse {page}: {m['performance']:.0f}, LCP {m['lcp_ms'] / 1000:.1f} s, {m['transfer_bytes'] / 1024:,.0f} KiB"
            for page, m in lighthouse.items()
        ]
    return f"{name}: " + "; ".join(cells)


def measure(name: str, site: Path, binary: str | None, runs: int, work: Path) -> dict:
    result = {"site": str(site.relative_to(ROOT)) if site.is_relative_to(ROOT) else site.name, "pages": weigh_site(site)}
    if binary:
        result["lighthouse"] = lighthouse_site(binary, site, runs, work)
    print(summary_line(name, result["pages"], result.get("lighthouse")), flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: `make demo` in this checkout)")
    parser.add_argument("--base", help="a commit to compare with: its demo site is built and measured in the same run")
    parser.add_argument("--lighthouse", help="the lighthouse binary (default: $LIGHTHOUSE, else lighthouse on PATH)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is kept)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench-pages")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "pages.json")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    binary = lighthouse_binary(args.lighthouse)
    head_commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = bool(
        subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    )
    result = {
        "benchmark": "pages",
        "measured_at": now_utc(),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "lighthouse": {
            "binary": bool(binary),
            "runs": args.runs if binary else 0,
            "pages": list(LIGHTHOUSE_PAGES),
            "preset": "mobile (simulated slow 4G, 4x CPU slowdown)",
        },
        "head": {"commit": head_commit, "uncommitted_changes": dirty},
    }
    result["head"] |= measure(
        "head", args.site.resolve() if args.site else build_demo(ROOT, args.work), binary, args.runs, args.work
    )
    if args.base:
        checkout, commit = checkout_of(args.base, args.work)
        result["base"] = {"commit": commit} | measure("base", build_demo(checkout, args.work), binary, args.runs, args.work)
        result["ratio"] = {"pages": ratios(result["head"]["pages"], result["base"]["pages"], ("bytes", "html_bytes", "requests"))}
        if binary:
            result["ratio"]["lighthouse"] = ratios(
                result["head"]["lighthouse"], result["base"]["lighthouse"], ("performance", "lcp_ms", "fcp_ms", "transfer_bytes")
            )
    atomic_write_json(args.out, result)
    print(f"bench: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
