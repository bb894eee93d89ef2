"""The Post record every collector yields, and pseudonymisation at the door."""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import UTC, datetime
from html import unescape
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from denyut.timestamps import format_utc

HASHTAG = re.compile(r"(?<![\w#])#(\w{1,100})", re.UNICODE)
LINK = re.compile(r"https?://[^\s<>\"']+")
TELEGRAM_POST_URL = re.compile(r"https?://t\.me/(?:s/)?([^/]+)/(\d+)")
TAG = re.compile(r"<[^>]+>")


class Post(BaseModel):
    model_config = ConfigDict(extra="forbid")

    platform: Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,30}$")]
    post_id: Annotated[str, Field(min_length=1, max_length=200)]
    url: str | None = None
    author_id: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    author_public: bool = False
    author_name: str | None = None
    created_at: datetime
    text: Annotated[str, Field(min_length=1, max_length=40000)]
    lang: str | None = None
    links: list[str] = Field(default_factory=list)
    hashtags: list[str] = Field(default_factory=list)
    reply_to: str | None = None
    repost_of: str | None = None
    likes: Annotated[int, Field(ge=0)] | None = None
    reposts: Annotated[int, Field(ge=0)] | None = None
    replies: Annotated[int, Field(ge=0)] | None = None
    collected_at: datetime
    collector: str
    query: str = ""
    source: str | None = None  # the config source that produced it (for the report's coverage panel)

    @field_validator("created_at", "collected_at")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("waktu harus menyebut zona waktu (ISO 8601, mis. 2024-11-20T08:00:00Z)")
        return value.astimezone(UTC)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("teks kosong")
        return value

    @model_validator(mode="after")
    def _name_only_when_public(self) -> Post:
        if self.author_name and not self.author_public:
            raise ValueError("author_name hanya boleh diisi untuk akun publik yang ada di daftar izin")
        return self

    def to_json_dict(self) -> dict:
        data = self.model_dump(mode="json")
        data["created_at"] = format_utc(self.created_at)
        data["collected_at"] = format_utc(self.collected_at)
        return data


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
