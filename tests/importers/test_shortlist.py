"""A few records against many contacts: the shortlist decides as reading every contact does."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from refgraph.importers import identity, shortlist
from refgraph.importers.identity import resolve_identities
from refgraph.importers.normalise import normalise_name, split_emails

# --------------------------------------------------------------------------- column-wise forms

_PIECES = [*"aAbZe _-'`.,;@<>\t\x00\x7fé’ß", "Dr", "mr", "MRS", "PhD", "ba", "iii", "İ", "ﬁ",
           "Σ", "12", "x.com", "Ann", "mailto:", ":::"]
_MESSY = st.lists(st.sampled_from(_PIECES), max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_MESSY, st.text(max_size=12)), min_size=1, max_size=8))
def test_names_and_emails_in_columns_are_the_normalisers(values):
    cells = pd.Series(values, dtype=object)
    assert shortlist.normalised_names(cells).tolist() == [normalise_name(v) for v in values]
    pairs = shortlist.email_pairs(cells)
    assert [tuple(p) for p in pairs.values.tolist()] == [
        (row, email) for row, value in enumerate(values) for email in split_emails(value)]


# --------------------------------------------------------------------------- same decisions

_FIRST = ["Ann", "Anne", "Jon", "John", "Bo", "Zoë", "Dr. Priya", "Madonna", "Madona", "Al",
          "Ed"]
_LAST = ["Smith", "Smyth", "O'Brien", "Shah-Webb", "Shah", "Ng", "", "PhD", "Lee"]
_COMPANY = ["", "Acme", "Acme Ltd", "Globex", "Initech Inc"]
_EMAIL = ["", "ann@x.com", "ANN@x.com", "bo@y.org; ann@x.com", "Ann <ann@x.com>", "junk",
          "zoë@x.com", "b@y.org"]
_PHONE = ["", "+44 7700 900123", "07700 900123", "07700-900-123; 020 7946 0958", "123",
          "+1 202 555 0142", "٠٧٧٠٠٩٠٠١٢٣", "tel:+44 20 7946 0958"]
_PERSON = st.tuples(st.sampled_from(_FIRST), st.sampled_from(_LAST), st.sampled_from(_COMPANY),
                    st.sampled_from(_EMAIL), st.sampled_from(_PHONE))


def _frame(people, ids):
    return pd.DataFrame({"id": ids, "name": [f"{a} {b}".strip() for a, b, *_ in people],
                         "company": [p[2] for p in people], "email": [p[3] for p in people],
                         "phone": [p[4] for p in people]})


def _both_ways(incoming, existing, **kwargs):
    """The matches read from the shortlist, and from every contact."""
    keep = identity.SHORTLIST_RATIO
    try:
        identity.SHORTLIST_RATIO = 0
        short = resolve_identities(incoming, existing, **kwargs).matches
        identity.SHORTLIST_RATIO = float("inf")
        full = resolve_identities(incoming, existing, **kwargs).matches
    finally:
        identity.SHORTLIST_RATIO = keep
    return short, full


@settings(max_examples=150, deadline=None)
@given(st.lists(_PERSON, min_size=0, max_size=12), st.lists(_PERSON, min_size=1, max_size=5),
       st.lists(st.integers(0, 11), max_size=3), st.data())
def test_the_shortlist_decides_as_every_contact_does(known, arriving, repeated, data):
    """Statuses, ids, rules, scores and candidates (in order) are the same either way."""
    ids = [f"c{i}" for i in range(len(known))]
    for i in repeated:  # the same id on two rows: its first row and all its e-mails count
        if 0 < i < len(ids):
            ids[i] = ids[i - 1]
    existing = _frame(known, ids)
    incoming = _frame(arriving, [f"k{i}" for i in range(len(arriving))])
    mapping = data.draw(st.dictionaries(st.sampled_from(list(incoming["id"])),
                                        st.sampled_from(["new", "skip", "c0", "gone"]),
                                        max_size=2))
    short, full = _both_ways(incoming, existing, mapping=mapping, reserved=["ann-smith"])
    pd.testing.assert_frame_equal(short, full)


# --------------------------------------------------------------------------- at scale


def _many_contacts(count: int) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    firsts = np.array(["Ann", "Bob", "Cara", "Dev", "Emma", "Femi", "Gus", "Hana"], dtype=object)
    lasts = np.array([f"Surname{i}" for i in range(2000)], dtype=object)
    number = np.arange(count)
    return pd.DataFrame({
        "id": [f"c{n}" for n in number],
        "name": firsts[rng.integers(0, len(firsts), count)] + " "
        + lasts[rng.integers(0, len(lasts), count)],
        "company": [f"Firm {n % 5000}" for n in number],
        "email": [f"p{n}@mail.example" for n in number],
        "phone": [f"+44 20 7946 {n % 10000:04d}" if n % 3 else "" for n in number],
    })


def test_one_record_against_many_contacts_reads_only_the_few(monkeypatch):
    existing = _many_contacts(60_000)
    existing.loc[10, ["name", "company"]] = ["Zoë Quarry", "Quarry Works Ltd"]
    existing.loc[11, "name"] = "Madonna"
    existing.loc[12, ["id", "name"]] = ["quentin-blake", "Someone Else"]  # not shortlisted
    incoming = pd.DataFrame({
        "id": ["by-email", "by-phone", "by-name", "one-word", "nobody"],
        "name": ["Someone", "Another", "Zoe Quarry", "Madona", "Quentin Blake"],
        "company": ["", "", "QUARRY WORKS", "", ""],
        "email": ["P12345@Mail.Example", "", "", "", ""],
        "phone": ["", "020 7946 0005", "", "", ""],
    })
    counted = []

    def company(value):
        counted.append(value)
        return identity_company(value)

    identity_company = identity.normalise_company
    monkeypatch.setattr(identity, "normalise_company", company)
    result = resolve_identities(incoming, existing).matches.set_index("key")
    assert len(incoming) * identity.SHORTLIST_RATIO <= len(existing)
    assert result.loc["by-email", ["status", "contact_id", "rule"]].tolist() == [
        "matched", "c12345", "email"]
    # Every contact whose phone ends 0005 shares it (a phone written on 20 rows).
    phone = result.loc["by-phone"]
    assert (phone["status"], phone["rule"]) == ("ambiguous", "review")
    assert [c["id"] for c in phone["candidates"]] == [f"c{n}" for n in range(5, 60_000, 10_000)
                                                      if n % 3]
    assert result.loc["by-name", ["status", "contact_id", "rule"]].tolist() == [
        "matched", "c10", "name+company"]
    assert result.loc["one-word", "status"] == "ambiguous"
    # A new contact's id is not one of the contacts left out.
    assert result.loc["nobody", ["status", "contact_id"]].tolist() == ["new", "quentin-blake-2"]
    # Only the companies of the few near names were read, not 60 000.
    assert len(counted) < 100
    monkeypatch.undo()
    short, full = _both_ways(incoming, existing)
    pd.testing.assert_frame_equal(short, full)
