"""The hoax signal: per debunked claim echoed this week, its posts, distinct accounts and platforms, and the posts
that corrected it, with the claim's correction; most echoed first. Wherever a claim is printed (the page, the PDF,
the cards, the WhatsApp text) it follows "HOAKS" and its one-line correction, then comes its link: the
fact-checkers' truth sandwich, so that a myth never stands alone."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from analysis.hoaxes.core import best, fit, phrasings_of, sample_of, scores
from denyut.fingerprint import resource
from denyut.fmt import full_stop, num
from denyut.formats.claims import all_claims
from denyut.markup import pdf_text
from denyut.normalize import without_emoji
from denyut.signals import Signal, Table, WeekInput


class HoaxEcho(BaseModel):
    """Posts of the week that echo one debunked claim, with the claim's correction."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    description: str
    clarification: str
    correction: str | None = None  # the truth in one line (the claim's); None: "Klarifikasi: lihat tautan"
    source: Literal["team", "mafindo"]
    verdict: str | None = None
    posts: int
    accounts: int
    platforms: list[str]
    corrections: int = 0  # posts that repeated the claim to say it is false (not counted in posts)
    previous_posts: int | None = None  # the week before, when it was reported


def compute(input: WeekInput) -> list[HoaxEcho]:
    claims = input.claims
    phrasings = phrasings_of(claims)
    if not phrasings:
        return []
    view = input.view
    # two passes over the week, a batch at a time: the IDF sample (an even spread), then the posts scored
    texts = ([without_emoji(t) for t in batch.column("text_norm").to_pylist()] for batch in view.batches(["text_norm"]))
    vectorizer = fit(sample_of(texts, view.count()), phrasings)
    found: dict[str, list[tuple[str, str]]] = {}
    corrections: dict[str, int] = {}
    for batch in view.batches(["platform", "author_id", "text", "text_norm"]):
        prepared = [without_emoji(t) for t in batch.column("text_norm").to_pylist()]
        scored = scores(prepared, claims, phrasings, vectorizer)
        for i, claim_id, _, correction in best(scored, batch.column("text").to_pylist(), claims,
                                               input.config.hoaxes.threshold):
            if correction:
                corrections[claim_id] = corrections.get(claim_id, 0) + 1
            else:
                found.setdefault(claim_id, []).append((batch.column("author_id")[i].as_py(),
                                                       batch.column("platform")[i].as_py()))
    before = input.previous_result("hoaxes")
    counts = {h.id: h.posts for h in before} if before is not None else None
    out = [HoaxEcho(id=claim.id, description=claim.description, clarification=str(claim.clarification),
                    correction=claim.correction, source=claim.source, verdict=claim.verdict, posts=len(found[claim.id]),
                    accounts=len({author for author, _ in found[claim.id]}),
                    platforms=sorted({p for _, p in found[claim.id]}), corrections=corrections.get(claim.id, 0),
                    previous_posts=counts.get(claim.id, 0) if counts is not None else None)
           for claim in claims if found.get(claim.id)]
    return sorted(out, key=lambda h: (-h.posts, h.id))


def _context(result: list[HoaxEcho], s, history, config) -> dict:
    return {"echoes": result, "claims_known": len(all_claims(config.hoaxes_path, config.claims_dir))}


NO_CORRECTION = "Klarifikasi: lihat tautan"


def _lines(result: list[HoaxEcho], s, config) -> list[str]:
    """The truth first, then the claim (never bold), then the link."""
    return [f"<b>HOAKS.</b> {f'Faktanya: {pdf_text(full_stop(h.correction))}' if h.correction else NO_CORRECTION + ' di akhir.'} "
            f"Klaim yang beredar lagi ({num(h.posts)} unggahan), dan keliru: {pdf_text(full_stop(h.description))} "
            f"Klarifikasi: {pdf_text(h.clarification)}"
            for h in result]


def _inputs(config) -> object:
    """The claims themselves (the team's file and Mafindo's), not only the threshold."""
    return [c.model_dump(mode="json") for c in all_claims(config.hoaxes_path, config.claims_dir)]


TABLE = Table(
    name="hoaxes", label="Hoaks", title="Gema hoaks per pekan",
    fields=[
        {"name": "week", "type": "string", "description": "pekan ISO (WIB)"},
        {"name": "claim_id", "type": "string", "description": "kode klaim"},
        {"name": "claim", "type": "string", "description": "klaim yang sudah dibantah, dalam kata-kata awam"},
        {"name": "clarification", "type": "string", "format": "uri", "description": "tautan klarifikasi"},
        {"name": "posts", "type": "integer", "description": "unggahan pekan itu yang mengulang klaim itu"},
        {"name": "accounts", "type": "integer", "description": "akun berbeda yang mengunggahnya"}],
    rows=lambda week, result: [[week, h.id, h.description, h.clarification, h.posts, h.accounts] for h in result])

SIGNAL = Signal(name="hoaxes", step="hoaks", order=30, result=list[HoaxEcho], compute=compute,
                template=resource(Path(__file__).with_name("section.md.j2")), settings="hoaxes", context=_context,
                inputs=_inputs, table=TABLE, lines=_lines)
