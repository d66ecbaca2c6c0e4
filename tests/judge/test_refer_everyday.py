"""Everyday phrasings a seasoned networker answers without a second thought."""

from __future__ import annotations

import pytest

from refgraph.judge.refer import refer


def _professions(network, trigger, n=3):
    return [c["profession"] for c in refer(network, trigger, top=n).to_dict()["candidates"]]


@pytest.mark.parametrize("trigger", [
    "our company website got hacked", "our website was hacked", "someone hacked our website",
])
def test_a_hacked_website_is_a_security_job_first(consultant, chapter, trigger):
    # The security specialist leads, however well the web designer is known;
    # with no specialist known the web designer who can rebuild the site is asked.
    assert _professions(consultant, trigger)[0] == "Cybersecurity consultant"
    assert "Web designer" in _professions(chapter, trigger)
