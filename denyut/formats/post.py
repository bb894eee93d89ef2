"""The Post record: what every collector yields and each line of the raw store
(data/raw/<platform>/<YYYY-MM-DD>.jsonl) holds. Written by the collectors, read by the analyze stage,
which checks each line against it again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from denyut.timestamps import format_utc

MAX_COUNT = 2**53  # counts fit an int64 column and a float without loss


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
    likes: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None
    reposts: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None
    replies: Annotated[int, Field(ge=0, le=MAX_COUNT)] | None = None
    collected_at: datetime
    collector: str
    query: str = ""
    location: Annotated[str, Field(max_length=200)] | None = None  # an export's profile location: for regions only
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
        # the fields are already JSON types but for the two times: a copy of them is what model_dump(mode="json")
        # would build, at a fraction of its cost (the collector writes a million of these a week)
        data = dict(self.__dict__)
        data["links"], data["hashtags"] = list(self.links), list(self.hashtags)
        data["created_at"] = format_utc(self.created_at)
        data["collected_at"] = format_utc(self.collected_at)
        return data
