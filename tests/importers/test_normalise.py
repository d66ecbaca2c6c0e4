"""Normalising e-mails, phones, names, companies and URLs; new contact ids."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from refgraph.importers.normalise import (
    make_contact_id,
    normalise_company,
    normalise_email,
    normalise_name,
    normalise_phone,
    normalise_url,
    slugify,
    split_emails,
)

# --------------------------------------------------------------------------- normalising


def test_normalisers():
    assert normalise_email("  MAILTO:Priya@ShahWebb.Example ") == "priya@shahwebb.example"
    assert normalise_email("not an email") == ""
    assert split_emails("a@x.com ::: A@X.com, b@y.org; junk") == ["a@x.com", "b@y.org"]
    assert normalise_phone("07700 900080") == normalise_phone("+44 (0)7700-900080") == (
        "+447700900080")
    assert normalise_phone("(202) 555-0142", "US") == "+12025550142"
    assert normalise_phone("12") == ""
    assert normalise_name("Dr. José  O’Brien, PhD") == normalise_name("jose obrien")
    assert normalise_company("Shah, Webb & Co. Ltd") == "shah webb"
    assert normalise_url("https://www.linkedin.com/in/ann/?trk=abc") == "linkedin.com/in/ann"


def test_new_ids_are_slugs_and_never_reused():
    taken = {"ann-smith", "me"}
    assert make_contact_id("Ann Smith", taken) == "ann-smith-2"
    assert make_contact_id("Ånn  Smith!", taken) == "ann-smith-3"
    assert make_contact_id("Me", taken) == "me-2"
    assert make_contact_id("李雷", taken, key="k").startswith("c-")
    assert make_contact_id("李雷", taken, key="k") != make_contact_id("李雷", taken, key="k")
    assert slugify("Zoë Ångström-Lee") == "zoe-angstrom-lee"


def test_new_ids_of_names_without_latin_letters_come_from_the_name():
    # Without a key (`refgraph add`) every such name once hashed the empty text.
    assert make_contact_id("李雷", set()) == make_contact_id("李雷", set())
    assert make_contact_id("李雷", set()) != make_contact_id("王芳", set())


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=15), max_size=20), st.sets(st.text(max_size=12), max_size=10))
def test_new_ids_are_unique_and_avoid_taken(names, taken):
    before = set(taken)
    made = [make_contact_id(name, taken, key=str(i)) for i, name in enumerate(names)]
    assert len(set(made)) == len(made)
    assert not set(made) & before
    assert all(made)
