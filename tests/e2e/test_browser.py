"""The built site in headless Chromium (Debian's, driven by Playwright): it renders, it is
accessible, nothing leaves localhost, hostile text stays inert, and it fits a phone."""

from __future__ import annotations

import json
import re
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from analysis import report
from analysis import site as site_stage
from demo import corpus
from denyut.formats.review import read_status, write_status
from tests.conftest import KEY
from tests.e2e import hostile
from tests.e2e.demo_site import build_demo_site

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
HOSTILE_WEEK = "2024-W49"


def _hostile_posts() -> str:
    """A week whose only public posts are hostile ones, each on its own issue, so all are quoted."""
    lines = []
    for i in range(60):
        lines.append({"id": f"9{i:03d}", "created_at": f"2024-12-0{2 + i % 5}T0{i % 9}:00:00Z", "author": f"warga{i}",
                      "text": ["Surat suara telat lagi, kecewa", "Ayo ke TPS jangan golput", "Debat paslon seru"][i % 3]})
    hostile = [("Politik uang marak! " + corpus.HOSTILE.replace("{{{{", "{{").replace("}}}}", "}}").replace("{{%", "{%").replace("%}}", "%}")),
               ("Netralitas ASN dipertanyakan: <iframe src='javascript:alert(2)'></iframe> " + "y" * 300),
               ("Kampanye paslon di alun-alun bikin macet dan ricuh, warga kecewa. Lihat [tautan](javascript:alert(3)) "
                "{{ 7*7 }} <a href='javascript:alert(4)'>klik</a> ini sangat memalukan")]
    for i, text in enumerate(hostile):
        lines.append({"id": f"8{i}", "created_at": f"2024-12-03T1{i}:00:00Z", "author": "wartapemilu_id", "text": text})
    return "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The demo with the hostile corpus planted in every outside field (tests/e2e/hostile.py), built with
    `mkdocs build --strict` (which must not fail on any of it), served on a port bound before the build."""
    base = tmp_path_factory.mktemp("browser")
    (base / "in").mkdir()
    days = [f"2024-12-0{d}" for d in range(2, 9)]
    (base / "in" / "hostile.jsonl").write_text(_hostile_posts() + "".join(
        json.dumps(line, ensure_ascii=False) + "\n" for line in hostile.posts(days)), encoding="utf-8")
    hostile.mafindo_catalogue(base / "data" / "claims")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(base / "public-pratinjau")))
    port = server.server_address[1]
    query = json.dumps(hostile.all_payloads())
    config = build_demo_site(base, 0.35, site_url=f"http://127.0.0.1:{port}/",
                             extra_sources=f"  - {{name: hostile, type: jsonl, path: in/hostile.jsonl, platform: x, query: {query}}}\n",
                             extra=f"report: {{examples: 5}}\nanalysis: {{issues_file: {json.dumps(str(hostile.issues_file(base / 'isu.yaml')))}}}\n"
                                   "regions: {min_posts: 40, min_posts_regency: 20}\n",  # the demo at 0.35 of its size
                             hoaxes=hostile.hoaxes_file(base / "hoaks.yaml"), name_suffix=" " + hostile.payload(1))
    # the reviewers' name as they typed it in status.yaml, then the pages written again with it
    statuses = read_status(config.review_dir)
    write_status(config.review_dir, {w: s.model_copy(update={"by": "Tim " + hostile.all_payloads()}) for w, s in statuses.items()})
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DENYUT_PSEUDONYM_KEY", KEY)
        report.run(str(config.base_dir / "config" / "denyut.yaml"))
        site_stage.run(str(config.base_dir / "config" / "denyut.yaml"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/", config
    server.shutdown()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Visit:
    """A page that records console errors, page errors and every request it makes."""

    def __init__(self, browser, base: str, **context):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.bytes: dict[str, int] = {}
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(r):
            if r.request.url.startswith(base):
                r.continue_()
            else:
                self.outside.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.on("response", self._weigh)

    def _weigh(self, response):
        try:
            self.bytes[response.url] = len(response.body()) if response.ok else 0
        except Exception:  # the page moved on before the body was read: not part of what it shows
            pass

    def close(self):
        self.context.close()


def _pages(config) -> list[str]:
    return sorted(str(p.relative_to(config.preview_dir).parent).replace(".", "") for p in config.preview_dir.rglob("index.html"))


def _charts_ready(page) -> int:
    """The charts drawn in the page: there from the HTML itself, each with its bars or lines (no script draws them)."""
    count = page.locator("figure.denyut-chart").count()
    assert page.locator("figure.denyut-chart .denyut-chart__drawn svg").count() >= count
    return count


def _chart_scripts(visit: Visit) -> list[str]:
    return [url for url in visit.bytes if "plotly" in url]


def _interactive(page, index: int = 0) -> None:
    """Asks for the interactive version of the page's index-th chart and waits until plotly has drawn it."""
    before = page.locator(".js-plotly-plot .main-svg").count()
    page.locator("button.denyut-interactive").nth(index).click()
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length > {before}", timeout=15000)


def test_every_page_loads_cleanly_renders_its_charts_and_stays_on_localhost(site, browser):
    base, config = site
    visit = Visit(browser, base)
    charts = 0
    pages = _pages(config)
    assert len(pages) >= 20
    for path in pages:
        visit.page.goto(urljoin(base, path + "/" if path else ""), wait_until="load")
        charts += _charts_ready(visit.page)
        assert visit.errors == [], (path, visit.errors)
    assert charts >= 25
    assert visit.outside == []
    assert _chart_scripts(visit) == []  # drawn in the pages: no page loads chart code until a reader asks
    visit.close()


@pytest.mark.parametrize("path", ["", "data/", "tentang/", "laporan/", "404.html", "laporan/archive/2024/"])
def test_a_page_without_charts_requests_no_chart_script(site, browser, path):
    base, config = site
    visit = Visit(browser, base)
    visit.page.goto(urljoin(base, path), wait_until="networkidle")
    assert visit.page.locator("figure.denyut-chart").count() == 0
    assert _chart_scripts(visit) == [] and visit.page.evaluate("typeof Plotly") == "undefined"
    html = (config.preview_dir / (path if path.endswith(".html") else path + "index.html")).read_text(encoding="utf-8")
    assert not BeautifulSoup(html, "lxml").select("script[src*='plotly']")
    visit.close()


def test_an_interactive_chart_loads_the_hashed_plotly_bundle_once_and_only_when_asked(site, browser):
    base, config = site
    visit = Visit(browser, base)
    visit.page.goto(urljoin(base, "laporan/2024-w46/"), wait_until="networkidle")
    assert _chart_scripts(visit) == [] and visit.page.evaluate("typeof Plotly") == "undefined"
    assert visit.page.locator("button.denyut-interactive:visible").count() == _charts_ready(visit.page) >= 2
    _interactive(visit.page, 0)
    _interactive(visit.page, 1)
    scripts = _chart_scripts(visit)
    assert len(scripts) == 1 and re.search(r"/assets/javascripts/plotly-basic\.[0-9a-f]{12}\.min\.js$", scripts[0])
    assert visit.page.locator(".denyut-chart__drawn:visible").count() == _charts_ready(visit.page) - 2  # replaced
    figure = visit.page.evaluate("document.querySelector('.js-plotly-plot')._fullLayout.template")
    assert figure in ({}, None) or not figure.get("data")  # written without plotly's default template
    assert visit.errors == [] and visit.outside == []
    visit.close()


def test_charts_follow_the_dark_palette(site, browser):
    base, config = site
    visit = Visit(browser, base)
    visit.page.goto(urljoin(base, f"laporan/{HOSTILE_WEEK.lower()}/"))
    text = "getComputedStyle(document.querySelector('.denyut-chart__drawn svg text, .denyut-bars__label')).color"
    drawn_light = visit.page.evaluate(text)
    _interactive(visit.page)
    font = "document.querySelector('.js-plotly-plot')._fullLayout.font.color"
    light = visit.page.evaluate(font)
    visit.page.locator("label[title='Ganti ke mode gelap']").first.click()
    visit.page.wait_for_function(f"{font} !== {json.dumps(light)}")
    assert visit.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    dark = visit.page.evaluate(font)
    assert dark != light and visit.page.locator(".js-plotly-plot .main-svg").count() >= 1
    assert visit.page.evaluate(text) != drawn_light  # the drawn charts are in the page's colour
    visit.close()


def test_instant_navigation_really_is_instant_and_charts_still_render(site, browser):
    base, config = site
    visit = Visit(browser, base)
    visit.page.goto(base)
    visit.page.evaluate("window.__not_reloaded = true")
    visit.page.locator(".denyut-glance ~ p a[href*='laporan/'], a[href*='laporan/2024-w']").first.click()
    visit.page.wait_for_url(re.compile(r".*/laporan/2024-w\d\d/$"))
    visit.page.wait_for_selector("figure.denyut-chart button.denyut-interactive:visible", timeout=15000)
    assert _charts_ready(visit.page) >= 2
    _interactive(visit.page)  # the bundle's address still right after the move
    assert visit.page.evaluate("window.__not_reloaded === true"), "the click caused a full page load"
    assert visit.errors == [] and visit.outside == []
    visit.close()


@pytest.mark.parametrize("path", ["", f"laporan/{HOSTILE_WEEK.lower()}/", "laporan/", "laporan/archive/2024/",
                                  "metodologi/", "data/", "tentang/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_wcag_21_aa_has_no_violations(site, browser, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    base, config = site
    visit = Visit(browser, base, color_scheme=scheme)
    visit.page.goto(urljoin(base, path))
    _charts_ready(visit.page)
    result = Axe().run(visit.page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()
    visit.close()


def test_every_chart_has_a_caption_and_a_data_table(site):
    _, config = site
    for path in config.preview_dir.glob("laporan/2024-w*/index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for figure in soup.select("figure.denyut-chart"):
            caption = figure.find("figcaption")
            assert caption and caption.get_text(strip=True)
            assert figure.select_one(".denyut-chart__drawn svg")  # in the HTML itself: shown before any script runs
            details = figure.find_next_sibling("details")
            assert details and details.find("table") and caption.get_text(strip=True) in details.summary.get_text()
            assert any(re.search(r"\d", td.get_text()) for td in details.find_all("td"))  # the numbers, as text


def test_no_broken_internal_links_or_anchors(site):
    base, config = site
    root = config.preview_dir
    ids_cache: dict[Path, set[str]] = {}

    def ids(path: Path) -> set[str]:
        if path not in ids_cache:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
            ids_cache[path] = {tag["id"] for tag in soup.find_all(id=True)} | {tag["name"] for tag in soup.find_all("a", attrs={"name": True})}
        return ids_cache[path]

    broken = []
    for page in root.rglob("*.html"):
        url = urljoin(base, str(page.relative_to(root)))
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").find_all("a", href=True):
            target = urljoin(url, a["href"])
            if not target.startswith(base):
                continue
            parsed = urlparse(target)
            local = root / unquote(parsed.path[len(urlparse(base).path):])
            if parsed.path.endswith("/") or local.is_dir():
                local = local / "index.html"
            if not local.exists():
                broken.append((str(page.relative_to(root)), a["href"]))
            elif parsed.fragment and local.suffix == ".html" and unquote(parsed.fragment) not in ids(local):
                broken.append((str(page.relative_to(root)), a["href"]))
    assert broken == []


def test_hostile_text_is_shown_as_inert_text(site, browser):
    base, config = site
    visit = Visit(browser, base, viewport={"width": 360, "height": 740})
    visit.page.goto(urljoin(base, f"laporan/{HOSTILE_WEEK.lower()}/"))
    _charts_ready(visit.page)
    quotes = visit.page.locator(".denyut-quote p").all_inner_texts()
    joined = "\n".join(quotes)
    assert "<script>window.__denyut_pwned=1</script>" in joined and "<img src=x onerror" in joined
    assert "{{ config }}" in joined and "{{ 7*7 }}" in joined and "**tebal**" in joined
    assert visit.page.evaluate("window.__denyut_pwned") is None
    assert visit.page.locator("a[href^='javascript:'], iframe, .denyut-quote img, .denyut-quote strong").count() == 0
    assert visit.page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    assert visit.errors == []
    visit.close()


UNSAFE = """() => { const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].includes(name)
          && /^\\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  for (const el of document.querySelectorAll('iframe, object, embed, .md-typeset img[src="x"]'))
    bad.push(el.outerHTML.slice(0, 80));
  for (const el of document.querySelectorAll('.md-typeset script'))  // none at all: the charts are drawn in the page
    bad.push(el.outerHTML.slice(0, 80));                                // and their figures are escaped attributes
  return bad; }"""


def test_no_page_runs_planted_script_holds_a_handler_or_a_script_link(site, browser):
    """Every built page, with the hostile corpus in every outside field: no dialog, no event-handler attribute,
    no javascript:/data: link, nothing planted executed; and the strict build that made them did not fail."""
    base, config = site
    visit = Visit(browser, base)
    dialogs: list[str] = []
    visit.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pages = _pages(config)
    for path in pages:
        visit.page.goto(urljoin(base, path + "/" if path else ""), wait_until="load")
        _charts_ready(visit.page)
        assert visit.page.evaluate(UNSAFE) == [], path
        assert visit.page.evaluate("window.__denyut_pwned") is None, path
    assert dialogs == [] and visit.errors == [] and visit.outside == []
    visit.close()


def test_the_search_shows_planted_text_as_text(site, browser):
    base, config = site
    visit = Visit(browser, base)
    dialogs: list[str] = []
    visit.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    visit.page.goto(base)
    found = 0
    for query in ("tebal", "klik", "config", "tautan", "dicatut"):  # words of the planted text
        visit.page.locator("label.md-search__icon, .md-search__input").first.click()
        box = visit.page.locator("input.md-search__input")
        box.fill("")
        box.press_sequentially(query, delay=20)  # the search reads key presses, not a filled value
        try:
            visit.page.wait_for_selector(".md-search-result__item", timeout=10000)
            found += 1
        except Exception:  # no result for this word: nothing to show, nothing to run
            pass
        assert visit.page.evaluate(UNSAFE) == [], query
    assert found >= 3
    assert dialogs == [] and visit.page.evaluate("window.__denyut_pwned") is None
    visit.close()


def test_every_outside_field_reaches_the_weekly_page_as_text(site):
    _, config = site
    page = (config.preview_dir / "laporan" / HOSTILE_WEEK.lower() / "index.html").read_text(encoding="utf-8")
    text = BeautifulSoup(page, "lxml").get_text(" ")
    for part in hostile.VISIBLE:
        assert part in text, part
    soup = BeautifulSoup(page, "lxml")
    cards = soup.find(id="pola-unggahan-serentak").find_all_next("code")
    shared = " ".join(c.get_text() for c in cards)
    assert "evil.example/q`[x](javascript:" in shared  # the coordinated link, shown as text
    assert "wa.me/[nomor disembunyikan]" in shared and "t.me/[undangan privat]" in shared and "t.me/[akun]" in shared
    for part in hostile.PRIVATE_PARTS:
        assert part not in page, part
    assert "Tim <script>" in text and "Klaim Mafindo" in text and "Konten Palsu" in text  # reviewers, Mafindo
    assert hostile.payload(1) in text  # a public account's name
    assert not soup.select(".md-typeset a[href*='tidak-ada'], .md-typeset img[src*='tidak-ada'], .md-typeset img[src='x']")
    assert "\u202e" not in page  # a bidi override would reverse the rest of the line


def test_the_feed_search_index_whatsapp_text_and_pdf_carry_outside_text_as_text(site):
    import xml.etree.ElementTree as ET

    from pypdf import PdfReader

    _, config = site
    ET.parse(config.preview_dir / "feed.xml")  # well-formed: nothing planted broke out of its element
    index = json.loads((config.preview_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for field in ("title", "text"):
            soup = BeautifulSoup(doc.get(field, ""), "lxml")  # the search shows these as HTML
            assert not soup.find_all(["script", "img", "svg", "iframe", "details", "a"]), doc["location"]
            assert not [a for tag in soup.find_all(True) for a in tag.attrs if a.lower().startswith("on")], doc["location"]
    whatsapp = (config.reports_dir / HOSTILE_WEEK / "share" / "whatsapp.txt").read_text(encoding="utf-8")
    issues_line = next(line for line in whatsapp.splitlines() if line.startswith("Paling dibicarakan"))
    assert not re.search(r"[*_~`]|javascript:|https?://", issues_line), issues_line
    pdf = PdfReader(config.reports_dir / HOSTILE_WEEK / "share" / "laporan.pdf")
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "<script>" in text and "**tebal**" in text  # shown as text, not read as markup
    links = [a.get_object()["/A"].get("/URI") for p in pdf.pages for a in p.get("/Annots") or []]
    assert all(str(u).startswith("http") for u in links if u)


@pytest.mark.parametrize("path", ["", f"laporan/{HOSTILE_WEEK.lower()}/", "laporan/2024-w46/", "laporan/", "metodologi/", "data/"])
def test_phone_width_no_sideways_scroll_and_headline_readable(site, browser, path):
    base, config = site
    visit = Visit(browser, base, viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    visit.page.goto(urljoin(base, path))
    _charts_ready(visit.page)
    assert visit.page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), path
    headline = visit.page.locator(".denyut-headline").first
    if headline.count():
        box = headline.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360
        assert float(headline.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 16
        assert headline.locator("strong").first.is_visible()
    visit.close()


# Every box that must be read whole at 360 px: figures, their SVG and its text, tables, and each cell that holds a
# number. A box outside the viewport, or outside an ancestor that clips (a table's scrolling frame, an SVG), is a
# number nobody sees without scrolling sideways, or at all. Folded data tables are opened first.
BOXES = """() => {
  document.querySelectorAll('.md-content details').forEach(d => { d.open = true; });
  const width = window.innerWidth, bad = [];
  const shown = r => r.width > 0 && r.height > 0;
  const label = el => (el.tagName + ' ' + (el.getAttribute('class') || '') + ' ' + el.textContent.trim().slice(0, 40));
  const forReaders = el => { for (let p = el; p; p = p.parentElement)  // hidden on purpose, for screen readers only
    if (getComputedStyle(p).clipPath !== 'none') return true; return false; };
  function clipping(el) {
    const out = [];
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
      if (getComputedStyle(p).overflowX !== 'visible') out.push(p);
    return out;
  }
  function inside(el) {
    const r = el.getBoundingClientRect();
    if (!shown(r) || forReaders(el)) return;
    if (r.left < -0.5 || r.right > width + 0.5) bad.push(['off screen', Math.round(r.left), Math.round(r.right), label(el)]);
    for (const c of clipping(el)) {
      const b = c.getBoundingClientRect();
      if (r.left < b.left - 0.5 || r.right > b.right + 0.5) { bad.push(['clipped', label(c), label(el)]); break; }
    }
  }
  document.querySelectorAll('.md-content figure, .md-content figure svg, .md-content table').forEach(inside);
  for (const cell of document.querySelectorAll('.md-content td, .md-content th')) {
    if (!/\\d/.test(cell.textContent)) continue;
    inside(cell);
    if (cell.scrollWidth > cell.clientWidth + 1) bad.push(['wider than its cell', label(cell)]);
  }
  for (const text of document.querySelectorAll('.md-content svg text')) {
    const r = text.getBoundingClientRect(), b = text.ownerSVGElement.getBoundingClientRect();
    if (shown(b) && (r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5))
      bad.push(['svg text clipped', text.textContent]);
  }
  return bad;
}"""


REGION_PAGES = ["laporan/wilayah/2024-w48-33/", "laporan/wilayah/2024-w48-33-29/"]


@pytest.mark.parametrize("path", ["", f"laporan/{HOSTILE_WEEK.lower()}/", "laporan/2024-w46/", "laporan/", "metodologi/", "data/",
                                  "tentang/", "404.html", "laporan/2024-w48/", *REGION_PAGES])
def test_at_360_px_no_chart_table_or_number_leaves_the_screen_or_is_clipped(site, browser, path):
    base, config = site
    visit = Visit(browser, base, viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    visit.page.goto(urljoin(base, path), wait_until="networkidle")
    assert visit.page.evaluate(BOXES) == [], path
    cells = visit.page.evaluate("document.querySelectorAll('.md-content td').length")
    if path.startswith("laporan/2024") or path in ("data/", "metodologi/"):
        assert cells and visit.page.locator("figure, table").count()  # the test measured something
    visit.close()


def test_on_a_phone_a_wide_table_becomes_one_card_per_row_with_every_number_named(site, browser):
    base, config = site
    visit = Visit(browser, base, viewport={"width": 360, "height": 740}, is_mobile=True)
    visit.page.goto(urljoin(base, "laporan/2024-w46/"), wait_until="networkidle")
    table = visit.page.locator("table[data-denyut-stack]").filter(has_text="Ditandai pola kata").first
    first_row = "t => Array.from(t.querySelectorAll('tbody tr:first-child td'))"
    assert table.evaluate(f"{first_row}.map(td => getComputedStyle(td).display)") == ["flow-root"] * 7  # a card
    assert table.evaluate("t => getComputedStyle(t.querySelector('thead')).clipPath") != "none"  # for screen readers
    labels = table.evaluate(f"{first_row}.slice(1).map(td => getComputedStyle(td, '::before').content)")
    assert labels[:2] == ['"Porsi unggahan (perkiraan)"', '"Kisaran 95%"'] and '"Kisaran 95% (Negatif)"' in labels
    boxes = table.evaluate(f"{first_row}.map(td => td.getBoundingClientRect().width)")
    assert min(boxes) > 300  # each on the card's whole width, one under another
    visit.page.set_viewport_size({"width": 1280, "height": 900})  # a desktop keeps the table
    assert table.evaluate("t => getComputedStyle(t.querySelector('td')).display") == "table-cell"
    visit.close()


def test_weekly_page_with_everything_it_loads_weighs_at_most_a_megabyte(site, browser):
    """Uncompressed, as this test server sends it (bench/pages.py measures what a phone downloads, gzip)."""


FOCUSED = """() => { const e = document.activeElement, r = e.getBoundingClientRect();
    return {text: (e.textContent || e.getAttribute('aria-label') || e.tagName).trim().slice(0, 40),
            left: r.left, right: r.right, nav: !!e.closest('.md-sidebar--primary')}; }"""


def test_with_the_drawer_closed_no_off_screen_link_takes_a_tab_stop_on_a_phone(site, browser):
    """At 360 px the navigation drawer sits off-screen: its links take no tab stop until it is opened."""
    base, config = site
    week = sorted(p.name for p in (config.preview_dir / "laporan").glob("2024-w*"))[-1]
    visit = Visit(browser, base, viewport={"width": 360, "height": 740})
    visit.page.goto(urljoin(base, f"laporan/{week}/"))
    stops = []
    for _ in range(25):
        visit.page.keyboard.press("Tab")
        stops.append(visit.page.evaluate(FOCUSED))
    off = [s for s in stops if s["right"] <= 0 or s["left"] >= 360]
    assert off == [] and not any(s["nav"] for s in stops), off or stops
    visit.page.locator("label.md-header__button[for='__drawer']").click()  # opened, its links are reachable
    visit.page.wait_for_timeout(400)
    link = visit.page.locator(".md-sidebar--primary a.md-nav__link", has_text="Metodologi").first
    link.focus()
    focused = visit.page.evaluate(FOCUSED)
    assert focused["nav"] and 0 <= focused["left"] < 360 and link.is_visible()
    visit.close()


def test_weekly_page_weighs_at_most_1_5_mb_without_plotly(site, browser):
    base, config = site
    visit = Visit(browser, base)
    visit.page.goto(urljoin(base, "laporan/2024-w46/"), wait_until="networkidle")
    _charts_ready(visit.page)
    weight = sum(visit.bytes.values())
    assert 0 < weight <= 1024 * 1024, weight
    visit.close()


def test_no_personal_data_in_any_built_file(site):
    _, config = site
    planted = [re.search(r"[\w.]+@[\w.]+|\+?\d[\d\s.-]{8,}\d", s)[0] for s in corpus.PII_SNIPPETS]
    email = re.compile(r"[\w.+-]+@[\w-]+\.(?:id|com|co\.id|org|net)\b")
    # not inside a longer word: a SHA-256 in summary.json can hold a run of digits that looks like 0812…
    phone = re.compile(r"(?<![\w.])(?:\+62|62|0)8\d[\d\s.-]{7,12}\d(?![\w.])")
    for path in config.preview_dir.rglob("*"):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        for value in planted:
            assert value not in text, (path, value)
        if path.suffix in {".html", ".json", ".csv", ".xml", ".txt"}:
            assert not email.search(text), (path, email.search(text)[0])
            assert not phone.search(text), (path, phone.search(text)[0])
            assert not re.search(r"(?<![\w.])\d{16}(?![\w.])", text), path


def test_the_copy_button_puts_the_whatsapp_text_on_the_clipboard(site, browser):
    base, config = site
    week = f"laporan/{HOSTILE_WEEK.lower()}/"
    visit = Visit(browser, base, permissions=["clipboard-read", "clipboard-write"])
    visit.page.goto(urljoin(base, week))
    button = visit.page.locator("button.denyut-copy")
    button.click()
    status = visit.page.locator(".denyut-copy-status")
    status.wait_for(state="visible", timeout=5000)
    assert status.inner_text() in {"Tersalin.", "Teks sudah dipilih: salin dengan Ctrl+C."}
    expected = (config.reports_dir / HOSTILE_WEEK / "share" / "whatsapp.txt").read_text(encoding="utf-8")
    if status.inner_text() == "Tersalin.":
        assert visit.page.evaluate("navigator.clipboard.readText()").strip() == expected.strip()
    assert visit.errors == [] and visit.outside == []
    visit.close()


@pytest.mark.parametrize("path", ["data/", f"laporan/{HOSTILE_WEEK.lower()}/"])
def test_tables_on_a_phone_break_between_words_only(site, browser, path):
    """A cell never splits a word (a file name, a number) to fit beside another: a table too wide for the phone
    becomes one card per row, where a word breaks only when it is longer than the card's whole line."""
    base, _ = site
    visit = Visit(browser, base, viewport={"width": 360, "height": 740}, is_mobile=True)
    visit.page.goto(urljoin(base, path))
    cells = visit.page.evaluate("""() => Array.from(document.querySelectorAll('.md-typeset td')).map(td => {
        const s = getComputedStyle(td); return [td.closest('table').hasAttribute('data-denyut-stack'), s.overflowWrap,
                                                s.wordBreak]; })""")
    assert cells and all(brk == "normal" and wrap == ("break-word" if card else "normal") for card, wrap, brk in cells), (
        set(map(tuple, cells)))
    assert visit.page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    visit.close()


def test_the_archive_page_is_titled_by_the_year_it_lists(site):
    _, config = site
    years = [p for p in (config.preview_dir / "laporan" / "archive").iterdir() if p.is_dir()]
    assert years
    for folder in years:
        year, listed = folder.name, set()
        for page in folder.rglob("index.html"):  # the year's page and its further pages
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
            assert soup.title.get_text().startswith(year), soup.title.get_text()
            listed |= {a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup.select(f"article a[href*='{year}-w']")}
        weeks = {p.name for p in (config.preview_dir / "laporan").glob(f"{year}-w*")}
        assert listed == weeks, (listed ^ weeks)  # every week of the year, and only those


def test_every_section_is_reachable_from_the_home_page_on_a_desktop(site, browser):
    base, config = site
    visit = Visit(browser, base, viewport={"width": 1280, "height": 900})
    visit.page.goto(base)
    tabs = visit.page.locator(".md-tabs a")
    shown = {tabs.nth(i).get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
             for i in range(tabs.count()) if tabs.nth(i).is_visible()}
    assert {"laporan", "metodologi", "data", "tentang"} <= shown, shown  # the header's tabs
    latest = visit.page.locator("a[href*='laporan/2024-w']").first
    assert latest.is_visible()  # the latest week itself, one click away
    visit.page.goto(urljoin(base, "laporan/"))
    visit.page.wait_for_function("""() => Array.from(document.querySelectorAll("a[href*='archive/2024/']"))
        .some(a => a.offsetParent !== null)""", timeout=5000)  # and the archive from there
    visit.close()


def test_no_path_of_this_machine_on_any_published_file(site):
    """The hoax list is given by an absolute path in this build: neither it nor any folder of the machine shows."""
    _, config = site
    machine = [str(config.base_dir), str(config.base_dir.resolve()), str(Path.home()), "/tmp/", "/root/", "/home/"]
    for path in config.preview_dir.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".csv", ".xml", ".txt", ".js"} and "assets" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert not [m for m in machine if m in text], path


MAP_TILES = """() => [Array.from(document.querySelector('figure.denyut-peta svg').querySelectorAll('[data-kode] > rect'))
  .map(r => r.getBoundingClientRect().width)]"""  # the first map's tiles (the second is folded)


@pytest.mark.parametrize("width", [360, 1280])
def test_the_provinces_map_reads_at_phone_and_desktop_width_and_its_tiles_lead_to_the_regions_pages(site, browser, width):
    base, config = site
    visit = Visit(browser, base, viewport={"width": width, "height": 900})
    visit.page.goto(urljoin(base, "laporan/2024-w48/"), wait_until="networkidle")
    if width == 360:  # a desktop may scroll a wide table inside its frame; a phone must not need to
        assert visit.page.evaluate(BOXES) == []
    tiles = [w for widths in visit.page.evaluate(MAP_TILES) for w in widths]
    assert len(tiles) == 38 and min(tiles) >= 28, tiles[:5]  # one square per province, big enough for its label
    link = visit.page.locator("figure.denyut-peta svg a").first
    assert link.count()
    link.click()
    visit.page.wait_for_load_state("networkidle")
    assert "/laporan/wilayah/2024-w48-" in visit.page.url
    assert "pekan" in visit.page.locator("h1").inner_text() and visit.errors == []
    visit.close()


@pytest.mark.parametrize("path", REGION_PAGES)
def test_a_region_s_page_says_how_its_numbers_were_made_and_links_back(site, browser, path):
    base, config = site
    visit = Visit(browser, base, viewport={"width": 1280, "height": 900})
    visit.page.goto(urljoin(base, path), wait_until="networkidle")
    text = visit.page.locator(".md-content").inner_text()
    assert "Cara porsi nada wilayah ini dihitung" in text or "belum bisa disebutkan" in text
    visit.page.get_by_text("Laporan seluruh Indonesia pekan ini").click()
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.url.rstrip("/").endswith("laporan/2024-w48") and visit.errors == []
    visit.close()


def test_the_home_page_region_picker_works_without_javascript(focus_site, browser):
    """On the regional deployment's home (the other site's latest week is the hostile one, with no region)."""
    base, config = focus_site
    visit = Visit(browser, base, viewport={"width": 360, "height": 740}, java_script_enabled=False)
    visit.page.goto(urljoin(base, ""))
    visit.page.locator("details.denyut-pulau summary", has_text="Jawa").click()
    visit.page.locator("details.denyut-pulau a", has_text="Kabupaten Brebes").click()
    visit.page.wait_for_load_state()
    assert visit.page.url.endswith("laporan/wilayah/2024-w48-33-29/")
    assert "Kabupaten Brebes" in visit.page.locator("h1").inner_text()
    visit.close()


@pytest.fixture(scope="session")
def focus_site(tmp_path_factory):
    """The demo built as a regional deployment: `regions: {focus: ['33']}` (Jawa Tengah), served like the other."""
    base = tmp_path_factory.mktemp("focus")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(base / "public-pratinjau")))
    port = server.server_address[1]
    config = build_demo_site(base, 0.35, site_url=f"http://127.0.0.1:{port}/",
                             extra="regions: {focus: ['33'], min_posts_regency: 20}\n")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/", config
    server.shutdown()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_regional_deployment_is_about_its_region_at_phone_and_desktop_width(focus_site, browser, width):
    from denyut.formats.summary import read_summary

    base, config = focus_site
    summary = read_summary(config.reports_dir / "2024-W48" / "summary.json")
    visit = Visit(browser, base, viewport={"width": width, "height": 900})
    for path in ("", "laporan/2024-w48/", "laporan/wilayah/2024-w48-33-29/"):
        visit.page.goto(urljoin(base, path), wait_until="networkidle")
        assert "Jawa Tengah" in visit.page.title() or "Jawa Tengah" in visit.page.locator("h1").inner_text(), path
        if width == 360:  # a desktop may scroll a wide table inside its frame; a phone must not need to
            assert visit.page.evaluate(BOXES) == [], path
        assert visit.page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), path
    visit.page.goto(urljoin(base, "laporan/2024-w48/"), wait_until="networkidle")
    text = visit.page.locator(".md-content").inner_text()
    assert "Lampung" not in text  # only its own posts: the other planted province is nowhere
    assert f"{summary.posts_analysed}" in text.replace(".", "")
    assert visit.errors == []
    visit.close()


def test_an_issue_pages_chart_downloads_as_svg_csv_and_png(site, browser):
    base, config = site
    latest = sorted(p for p in config.reports_dir.glob("*-W*") if p.is_dir())[-1]
    issue = json.loads((latest / "summary.json").read_text(encoding="utf-8"))["issues"][0]["id"]
    visit = Visit(browser, base, accept_downloads=True)
    visit.page.goto(urljoin(base, f"isu/{issue}/"), wait_until="networkidle")
    downloads = visit.page.locator(".denyut-downloads").first
    with visit.page.expect_download() as svg:
        downloads.get_by_role("link", name="Unduh SVG").click()
    assert Path(svg.value.path()).read_text(encoding="utf-8").startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    href = downloads.get_by_role("link", name="Unduh data (CSV)").get_attribute("href")
    answer = visit.page.request.get(urljoin(visit.page.url, href))
    assert answer.ok and answer.text().startswith("pekan,porsi,batas_bawah,batas_atas\n")
    with visit.page.expect_download() as png:
        downloads.get_by_role("button", name="Unduh PNG").click()
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.value.suggested_filename.endswith(".png")
    assert visit.errors == [] and visit.outside == []
    visit.close()
