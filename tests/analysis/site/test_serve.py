import json
import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from analysis.site import build, serve
from denyut.errors import StageError
from denyut.paths import PACKAGE_ROOT


def _site(tmp_path, demo: bool):
    public = tmp_path / ("demo" if demo else "public")
    public.mkdir()
    (public / "index.html").write_text("<html>Denyut</html>")
    build.remember(tmp_path, public, "config/x.yaml", demo)
    return public


def test_without_a_config_the_site_built_last_is_served_and_named(tmp_path, monkeypatch):
    monkeypatch.setattr(serve, "ROOT", tmp_path)
    _site(tmp_path, demo=True)
    public = _site(tmp_path, demo=False)
    folder, what = serve.chosen(None)
    assert folder == public.resolve() and what.startswith("situs data sungguhan yang terakhir dibangun")


def test_nothing_built_yet_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setattr(serve, "ROOT", tmp_path)
    with pytest.raises(StageError, match="jalankan `make demo` atau `make site`"):
        serve.chosen(None)
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "last-site.json").write_text(json.dumps(
        {"public_dir": str(tmp_path / "hilang"), "config": "c", "demo": False, "built_at": "t"}))
    with pytest.raises(StageError, match="tidak berisi situs"):
        serve.chosen(None)


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_make_serve_serves_that_folder_on_localhost(tmp_path):
    public = _site(tmp_path, demo=True)
    code = (f"import analysis.site.serve as s, pathlib; s.ROOT = pathlib.Path({str(tmp_path)!r}); "
            "raise SystemExit(s.stage_main(s.STAGE, ['--port', '0']))")  # the server binds the port it then names
    server = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert "Menyajikan situs data demo (sintetis)" in server.stdout.readline()
        server.stdout.readline()
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", server.stdout.readline())[1])
        deadline = time.monotonic() + 20
        while True:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read()
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert body == (public / "index.html").read_bytes()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_make_help_shows_the_real_config_path():
    result = subprocess.run(["make", "--no-print-directory", "help"], cwd=PACKAGE_ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "$(" not in result.stdout
    assert "import every source of config/denyut.yaml" in result.stdout
