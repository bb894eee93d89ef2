"""Fixtures for the network collectors: synthetic responses only, never a real person's post."""

from __future__ import annotations

import json
import textwrap

import pytest

from collectors.__main__ import run as collect
from denyut.config import load_config
from tests.conftest import write_config

FAST_HTTP = "http: {retries: 2, backoff_s: 0, min_interval_s: 0, timeout_s: 5}\n"


def telegram_page(channel: str, posts: list[tuple[int, str, str]], before: int | None = None) -> str:
    """A t.me/s/<channel> page as snscrape reads it: oldest first, a 'more' link to older posts."""
    blocks = [textwrap.dedent(f"""\
        <div class="tgme_widget_message" data-post="{channel}/{number}">
          <div class="tgme_widget_message_text">{text}</div>
          <div class="tgme_widget_message_footer">
            <a class="tgme_widget_message_date" href="https://t.me/{channel}/{number}"><time datetime="{when}"></time></a>
          </div>
        </div>""") for number, when, text in sorted(posts)]
    more = f'<a class="tme_messages_more" data-before="{before}" href="/s/{channel}?before={before}"></a>' if before else ""
    return f"<html><body>{more}{''.join(blocks)}</body></html>"


@pytest.fixture
def project(tmp_path, key_env):
    def make(sources_yaml: str, extra: str = ""):
        path = write_config(tmp_path, FAST_HTTP + extra + "sources:\n" + textwrap.indent(textwrap.dedent(sources_yaml), "  "))
        return path, load_config(path)
    return make


def raw(config) -> list[dict]:
    return [json.loads(line) for p in sorted(config.raw_dir.glob("*/*.jsonl")) for line in p.read_text().splitlines()]


def state(config, source: str) -> dict:
    return json.loads((config.state_dir / f"{source}.json").read_text())["targets"]


__all__ = ["collect", "raw", "state", "telegram_page"]
