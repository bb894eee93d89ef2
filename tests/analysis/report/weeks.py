"""A weekly summary written by hand for the page's, the cards', the PDF's and the WhatsApp text's tests: what the
report stage would have computed, chosen so that each test can say what it expects without running the pipeline."""

from __future__ import annotations

from denyut.formats.summary import WeeklySummary


def share(value: float, low: float | None = None, high: float | None = None, total: int = 800) -> dict:
    return {
        "count": round(value * total),
        "total": total,
        "share": value,
        "ci_low": low,
        "ci_high": high,
        "basis": "estimate" if low is not None else "model",
    }


def change(
    sentiment: str,
    previous: float,
    current: float,
    direction: str,
    scope: str = "all",
    name: str = "Semua unggahan",
    low: float | None = None,
    high: float | None = None,
    q: float = 0.01,
) -> dict:
    difference = current - previous
    return {
        "scope": scope,
        "name": name,
        "sentiment": sentiment,
        "previous": previous,
        "current": current,
        "difference": difference,
        "diff_low": difference - 0.03 if low is None else low,
        "diff_high": difference + 0.03 if high is None else high,
        "p_value": q / 2,
        "q_value": q,
        "direction": direction,
    }


def hoax(description: str, correction: str | None, posts: int = 30) -> dict:
    return {
        "id": "klaim-uji",
        "description": description,
        "clarification": "https://kpu.example/klarifikasi/uji",
        "correction": correction,
        "source": "team",
        "posts": posts,
        "accounts": posts,
        "platforms": ["x"],
    }


def issue(issue_id: str, name: str, estimate: float) -> dict:
    tones = {"negative": share(0.4, 0.3, 0.5, 100), "neutral": share(0.3, 0.2, 0.4, 100), "positive": share(0.3, 0.2, 0.4, 100)}
    return {
        "id": issue_id,
        "name_id": name,
        "name_en": name,
        "posts": 100,
        "share_of_posts": share(0.125, total=800) | {"basis": "count"},
        "sentiment": tones,
        "check": {"estimate": share(estimate, estimate - 0.02, estimate + 0.02), "audit_positives": 20},
    }


def summary(changes: list[dict] | None = None, hoaxes: list[dict] | None = None, **fields) -> WeeklySummary:
    """Week 2024-W47 (18–24 November 2024), 800 posts, 40.0% negative (35.0–45.0%), reviewed and approved."""
    data = {
        "week": "2024-W47",
        "week_start": "2024-11-18",
        "week_end": "2024-11-24",
        "demo": False,
        "min_posts_for_share": 30,
        "alpha": 0.05,
        "issues_version": "1",
        "denyut_version": "0.1.0",
        "posts_total": 810,
        "posts_analysed": 800,
        "posts_other_language": 10,
        "languages": {"id": 800, "tl": 7, "nl": 3},
        "platforms": {"x": 500, "telegram": 300},
        "sources": {"sumber-x": 500, "sumber-tg": 300},
        "duplicates_exact": 0,
        "duplicates_near": 0,
        "sentiment": {
            "negative": share(0.40, 0.35, 0.45),
            "neutral": share(0.35, 0.30, 0.40),
            "positive": share(0.25, 0.20, 0.30),
        },
        "issues": [issue("logistik", "Logistik pemilu", 0.14), issue("dpt", "Daftar pemilih", 0.10)],
        "posts_without_issue": 100,
        "sentiment_models": ["embedded@abc"],
        "changes": changes or [],
        "previous_week": "2024-W46",
        "examples": [],
        "signals": {"hoaxes": hoaxes or []},
        "coverage": {"quarantined_total": 0, "runs": {}},
        "review": {
            "method": "difference-estimator-ppi++",
            "audit_rows": 200,
            "audit_reviewed": 200,
            "verdicts": 200,
            "weight": 1.0,
            "accuracy": {"value": 0.8, "ci_low": 0.74, "ci_high": 0.85},
            "status": "approved",
            "approved_by": "Tim uji",
            "approved_at": "2024-11-27",
        },
        "margin": 0.05,
        "input_hash": "0" * 64,
    }
    return WeeklySummary.model_validate(data | fields)


def drawn_card_text(monkeypatch, s: WeeklySummary, config, size: tuple[int, int]) -> list[str]:
    """Every string the share card draws, in order (Pillow's text calls recorded while the card is drawn)."""
    from PIL import ImageDraw

    from analysis.report import cards

    drawn: list[str] = []
    original = ImageDraw.ImageDraw.text

    def record(self, xy, text, *args, **kwargs):
        drawn.append(text)
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", record)
    cards.draw_card(s, config, size)
    return drawn
