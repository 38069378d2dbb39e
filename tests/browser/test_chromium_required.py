"""Without Chromium the browser suite skips with its reason, except under CI, where it fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import require_chromium

ABSENT = Path("/nonexistent/chromium")


def test_missing_chromium_skips_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="install Debian's chromium package"):
        require_chromium(ABSENT)


@pytest.mark.parametrize("value", ["true", "1", "yes"])
def test_missing_chromium_fails_under_ci(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match="CI must never skip"):
        require_chromium(ABSENT)


@pytest.mark.parametrize("value", ["", "false", "0"])
def test_ci_switched_off_still_skips(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception):
        require_chromium(ABSENT)
