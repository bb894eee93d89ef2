import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

from analysis.site.feed import feed
from tests.analysis.report.weeks import summary

ATOM = "{http://www.w3.org/2005/Atom}"


def _report(tmp_path, s):
    folder = tmp_path / s.week
    folder.mkdir()
    (folder / "report.md").write_text('---\ndescription: "800 unggahan pemilu"\n---\n# judul\n', encoding="utf-8")
    return (s.week, folder, s)


def test_the_feed_names_its_own_address_and_dates_each_report_the_day_it_was_approved(tmp_path):
    approved = summary()  # week ending 24 November 2024, approved 27 November
    draft = summary(
        week="2024-W48",
        week_start="2024-11-25",
        week_end="2024-12-01",
        review=approved.review.model_copy(update={"status": "draft", "approved_by": None, "approved_at": None}).model_dump(),
    )
    channel = ET.fromstring(
        feed([_report(tmp_path, approved), _report(tmp_path, draft)], "https://denyut.example", "Denyut", lambda s: s.week)
    ).find("channel")
    self_link = channel.find(f"{ATOM}link")
    assert (self_link.get("href"), self_link.get("rel")) == ("https://denyut.example/feed.xml", "self")
    dates = {item.findtext("title"): parsedate_to_datetime(item.findtext("pubDate")) for item in channel.iter("item")}
    assert dates["2024-W47"].date().isoformat() == "2024-11-27"  # the approval, not the end of the week
    assert dates["2024-W48"].date().isoformat() == "2024-12-01"  # a draft has no approval: its week's end
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == max(dates.values())
