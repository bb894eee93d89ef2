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


def stored_post_id(post_id: str, handle: str, author_id: str, public: bool) -> str:
    """A private account's handle inside a post id (Telegram's 'channel/123') is replaced by its pseudonym."""
    name = handle.lower().lstrip("@")
    if public or not name or name not in post_id.lower():
        return post_id
    return re.sub(re.escape(handle.lstrip("@")), author_id[:16], post_id, flags=re.IGNORECASE)


def extract_hashtags(text: str) -> list[str]:
    return sorted({tag.lower() for tag in HASHTAG.findall(text)})


def plain_text(html: str) -> str:
    """Markup from an API or feed → text: each tag becomes a space, line breaks are kept, entities decoded."""
    return unescape(TAG.sub(" ", html.replace("<br>", "\n").replace("</p>", "\n"))).strip()


def extract_links(text: str) -> list[str]:
    return list(dict.fromkeys(link.rstrip(".,);") for link in LINK.findall(text)))
