"""What collectors do to every record at the door: pseudonymisation, hashtags and links, markup to text.
The Post record itself is the raw store's format: denyut.formats.post."""

from __future__ import annotations

import hashlib
import hmac
import re
from html import unescape

HASHTAG = re.compile(r"(?<![\w#])#(\w{1,100})", re.UNICODE)
LINK = re.compile(r"https?://[^\s<>\"']+")
TELEGRAM_POST_URL = re.compile(r"https?://t\.me/(?:s/)?([^/]+)/(\d+)")
TAG = re.compile(r"<[^>]+>")


def pseudonymize(platform: str, handle: str, key: bytes) -> str:
    """Keyed HMAC-SHA256 of the normalised handle: stable per key, not reversible without it."""
    message = f"{platform.lower()}:{handle.strip().lstrip('@').lower()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def extract_hashtags(text: str) -> list[str]:
    return sorted({tag.lower() for tag in HASHTAG.findall(text)})


def plain_text(html: str) -> str:
    """Markup from an API or feed → text: each tag becomes a space, line breaks are kept, entities decoded."""
    return unescape(TAG.sub(" ", html.replace("<br>", "\n").replace("</p>", "\n"))).strip()


def extract_links(text: str) -> list[str]:
    return list(dict.fromkeys(link.rstrip(".,);") for link in LINK.findall(text)))
