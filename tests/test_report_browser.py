"""The HTML report in a real browser: headless Chromium renders it offline, and we look at it.

CI installs Debian's ``chromium`` and must run these; elsewhere they are skipped without Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from storyfuse.models import Report
from storyfuse.pipeline import fuse_paths
from storyfuse.render import render_html

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"), reason="no chromium installed"),
]
# Offline and quiet: no component updates or background connections on a closed network.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report: Report = fuse_paths([CORPUS])
    hostile = report.documents[0]
    hostile.paragraphs.append('<script>document.title="pwned"</script><img src=x onerror="document.title=1">')
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    return path


def _chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_rendered_dom_shows_the_story_and_escapes_article_markup(page: Path, tmp_path: Path) -> None:
    result = _chromium(["--virtual-time-budget=3000", "--dump-dom", page.as_uri()], tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "<title>pwned</title>" not in dom and "<title>1</title>" not in dom
    assert "&lt;script&gt;" in dom  # shown as text, not run
    assert "Transport Minister" in dom and "Prime Minister" in dom
    assert "within weeks" in dom


def test_screenshot_is_a_real_rendered_page(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    result = _chromium(
        [f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri()], tmp_path / "profile"
    )
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 2400)
    colours = image.resize((128, 240)).getcolors(maxcolors=128 * 240)
    assert colours is not None
    assert len(colours) > 20, "page looks blank"
    background = max(colours)[1]
    inked = sum(count for count, colour in colours if colour != background)
    assert inked > 0.03 * 128 * 240, "almost nothing drawn"
