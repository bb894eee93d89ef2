"""Build a site from generated demo exports with the real pipeline, in a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from analysis import analyze, report
from analysis import site as site_stage
from collectors.__main__ import run as collect
from demo import corpus
from demo.generate import write
from demo.review import review as play_reviewers
from denyut.config import Config, load_config
from denyut.paths import ROOT
from tests.conftest import KEY, write_config

SOURCES = """\
  - {name: x, type: jsonl, path: in/x.jsonl, platform: x}
  - {name: tg, type: snscrape-jsonl, path: in/telegram.jsonl}
  - {name: yt, type: csv, path: in/youtube.csv, platform: youtube, columns: {post_id: comment_id, created_at: published_at, author: author_channel, text: text, url: video_url}}
"""


def build_demo_site(base: Path, scale: float, site_url: str | None = None, extra_sources: str = "", extra: str = "",
                    review: bool = True, hoaxes: Path | None = None, name_suffix: str = "") -> Config:
    """The demo through the real pipeline in `base`; `hoaxes` replaces the demo's hoax list, `name_suffix` is
    added to every public account's display name (the hostile corpus uses both)."""
    write(base / "in", scale=scale)
    accounts = yaml.safe_dump([{"platform": p, "handle": h, "name": n + name_suffix, "kind": k}
                               for p, h, n, k in corpus.PUBLIC_ACCOUNTS], allow_unicode=True, width=10**6)
    url = f', site_url: "{site_url}"' if site_url else ""
    config_path = write_config(base, f"project: {{name: Denyut, demo: true{url}}}\n"
                                     "paths: {data: data, reports: reports, public: public}\n"
                                     f"hoaxes: {{file: '{hoaxes or ROOT / 'config' / 'demo-hoaxes.yaml'}'}}\n"
                                     f"public_accounts:\n{accounts}sources:\n{SOURCES}{extra_sources}{extra}")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DENYUT_PSEUDONYM_KEY", KEY)
        collect(str(config_path))
        analyze.run(str(config_path))
        if review:
            play_reviewers(str(config_path), base / "in" / "truth.csv")  # as make demo does
            analyze.run(str(config_path))
        report.run(str(config_path))
        site_stage.run(str(config_path))
    return load_config(config_path)
