"""Identity resolution: e-mail, then phone, then name and company; never a silent guess."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refgraph import RefgraphError, Settings
from refgraph.importers.identity import resolve_identities
from refgraph.io.settings import ImportSettings
from refgraph.show.importing import review_text

EXISTING = pd.DataFrame({
    "id": ["me", "priya", "bob", "ann", "ann2", "tom", "jo"],
    "name": ["Sam Carter", "Priya Shah", "Bob Jones", "Ann Smith", "Ann Smith", "Tom Baker",
             "John Smith"],
    "company": ["Carter Growth", "Shah, Webb & Co Ltd", "", "Acme Ltd", "Globex", "", "Acme"],
    "email": ["sam@carter.example", "priya@shahwebb.example; PRIYA@home.example", "", "", "",
              "tom@print.example", ""],
    "phone": ["", "+44 7700 900080", "+44 7700 900111", "", "", "", ""],
})


def resolve(rows, existing=EXISTING, **kwargs):
    incoming = pd.DataFrame(rows)
    incoming.insert(0, "id", [f"k{i}" for i in range(len(incoming))])
    return resolve_identities(incoming, existing, **kwargs).matches.set_index("key")


def decision(rows, **kwargs):
    row = resolve(rows, **kwargs).iloc[0]
    return row["status"], row["contact_id"], row["rule"]


# --------------------------------------------------------------------------- rules


def test_email_first_case_and_spaces_ignored():
    assert decision([{"name": "P. Shah", "email": " Priya@Home.Example "}]) == (
        "matched", "priya", "email")


def test_phone_in_any_format_with_region():
    assert decision([{"name": "Bobby", "phone": "07700-900 111"}]) == ("matched", "bob", "phone")
    # A national number is read in the default region: in the US it is not Bob's.
    status, _, _ = decision([{"name": "Bobby", "phone": "07700 900111"}], region="US")
    assert status == "new"


def test_name_and_company_fuzzy():
    assert decision([{"name": "Priya  SHAH", "company": "Shah Webb & Co"}]) == (
        "matched", "priya", "name+company")
    assert decision([{"name": "Anne Smith", "company": "ACME Limited"}]) == (
        "matched", "ann", "name+company")


def test_exact_name_without_company_matches_one_contact():
    assert decision([{"name": "Bob Jones"}]) == ("matched", "bob", "name")
    assert decision([{"name": "Tom Baker", "company": "Baker Print"}]) == (
        "matched", "tom", "name")


def test_two_contacts_with_the_name_are_ambiguous():
    result = resolve([{"name": "Ann Smith"}])
    row = result.iloc[0]
    assert row["status"] == "ambiguous"
    assert {c["id"] for c in row["candidates"]} == {"ann", "ann2"}
    assert row["contact_id"] == ""


def test_company_decides_between_namesakes():
    assert decision([{"name": "Ann Smith", "company": "Globex Corp"}]) == (
        "matched", "ann2", "name+company")


def test_same_name_different_company_is_ambiguous():
    row = resolve([{"name": "Priya Shah", "company": "Initech"}]).iloc[0]
    assert row["status"] == "ambiguous"
    assert row["candidates"][0]["reason"] == "same name, different company"


def test_same_name_different_emails_is_ambiguous():
    row = resolve([{"name": "Tom Baker", "email": "tom@other.example"}]).iloc[0]
    assert (row["status"], row["candidates"][0]["reason"]) == (
        "ambiguous", "same name, different e-mails")


def test_fuzzy_name_needs_a_company():
    row = resolve([{"name": "Bob Jone"}]).iloc[0]
    assert row["status"] == "ambiguous"
    assert row["candidates"][0]["reason"] == "similar name, no company to confirm"


def test_near_name_at_the_same_company_is_reviewed():
    row = resolve([{"name": "Johnny Smith", "company": "Acme"}]).iloc[0]  # 91 for John Smith
    assert row["status"] == "ambiguous"
    assert [(c["id"], c["reason"]) for c in row["candidates"]] == [
        ("jo", "similar name at the same company")]
    assert decision([{"name": "Jon Smith", "company": "Acme"}]) == (  # 95
        "matched", "jo", "name+company")


def test_a_shared_email_between_two_contacts_is_ambiguous():
    existing = pd.concat([EXISTING, pd.DataFrame({
        "id": ["sam2"], "name": ["S. Carter"], "company": [""], "email": ["sam@carter.example"],
        "phone": [""]})], ignore_index=True)
    row = resolve([{"name": "Sam", "email": "sam@carter.example"}], existing=existing).iloc[0]
    assert row["status"] == "ambiguous"
    assert [c["reason"] for c in row["candidates"]] == ["shares this e-mail"] * 2


def test_no_match_is_new_or_unmatched():
    rows = [{"name": "Cara Diaz"}, {"name": "Ann Smith Jones", "company": "Initech"}]
    result = resolve(rows)
    assert result["status"].tolist() == ["new", "new"]
    assert result["contact_id"].tolist() == ["cara-diaz", "ann-smith-jones"]
    assert resolve(rows, create=False)["status"].tolist() == ["unmatched", "unmatched"]
    assert resolve(rows, reserved=["cara-diaz"])["contact_id"].iloc[0] == "cara-diaz-2"


def test_records_sharing_an_email_or_phone_are_one_person():
    result = resolve([
        {"name": "Cara Diaz", "email": "cara@diaz.example"},
        {"name": "C. Diaz", "phone": "07700 900999", "email": "CARA@diaz.example"},
        {"name": "Cara", "phone": "+447700900999"},
        {"name": "Dev Patel"},
    ])
    assert result["group"].tolist() == [0, 0, 0, 1]
    assert result["contact_id"].tolist() == ["cara-diaz"] * 3 + ["dev-patel"]


def test_the_identity_map_comes_first():
    rows = [{"name": "Ann Smith"}, {"name": "Priya Shah", "email": "priya@home.example"},
            {"name": "Bob Jones"}, {"name": "Nobody"}]
    mapping = {"k0": "ann2", "k1": "new", "k2": "skip", "k3": "gone-id"}
    result = resolve(rows, mapping=mapping)
    assert result["status"].tolist() == ["matched", "new", "skip", "new"]
    assert result["rule"].tolist() == ["map", "map", "map", "new"]
    assert result.loc["k1", "contact_id"] == "priya-shah"
    # A stale id is never handed out again.
    assert result.loc["k3", "contact_id"] == "nobody"
    assert resolve([{"name": "Gone Id"}], mapping={"x": "gone-id"})["contact_id"].iloc[0] == (
        "gone-id-2")


def test_thresholds_come_from_settings():
    strict = Settings().replace(imports=ImportSettings(name_threshold=99.0,
                                                       review_threshold=99.0))
    assert decision([{"name": "Anne Smith", "company": "Acme"}], settings=strict)[0] == "new"
    loose = ImportSettings(company_threshold=10.0)
    assert decision([{"name": "Priya Shah", "company": "Shahs"}], settings=loose)[0] == "matched"


def test_bad_region_is_an_error():
    with pytest.raises(RefgraphError, match="phone region 'XX' is not known"):
        resolve([{"name": "A"}], region="XX")


def test_review_text_lists_candidates_and_the_fix():
    result = resolve_identities(pd.DataFrame({"id": ["vcard:name:ann smith|"],
                                              "name": ["Ann Smith"]}), EXISTING)
    text = review_text(result.ambiguous)
    assert "1 record(s) need a decision" in text
    assert "vcard:name:ann smith|" in text
    assert "ann2" in text and "Globex" in text
    assert "same name" in text  # the reason survives a long company and id
    long = EXISTING.assign(company=EXISTING["company"] + " Holdings International",
                           id=EXISTING["id"] + "-from-linkedin")
    text = review_text(resolve_identities(pd.DataFrame({"id": ["vcard:name:ann smith|"],
                                                        "name": ["Ann Smith"]}),
                                          long).ambiguous)
    assert "same name" in text and "Globex Holdings" in text
    assert "incoming_key,contact_id" in text
    assert result.to_dict()["ambiguous"][0]["incoming_key"] == "vcard:name:ann smith|"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Ann", "Bo", "Cy", "Di", "Ed", "Flo"]),
                          st.sampled_from(["Smith", "Ng", "Okafor", "Brown"]),
                          st.sampled_from(["", "Acme", "Globex", "Initech"])),
                min_size=1, max_size=12, unique=True))
def test_contacts_resolve_to_themselves(people):
    """Each contact, imported again with its e-mail, is matched to itself."""
    existing = pd.DataFrame({
        "id": [f"c{i}" for i in range(len(people))],
        "name": [f"{a} {b}" for a, b, _ in people],
        "company": [c for _, _, c in people],
        "email": [f"p{i}@x.example" for i in range(len(people))],
    })
    incoming = existing.assign(id=[f"key{i}" for i in range(len(people))])
    result = resolve_identities(incoming, existing).matches
    assert result["contact_id"].tolist() == existing["id"].tolist()
    # Without e-mails nothing is ever merged into the wrong person: a record is
    # matched to itself, or held for review.
    blind = resolve_identities(incoming.assign(email=""), existing).matches
    matched = blind[blind["status"] == "matched"]
    assert (matched["contact_id"] == matched["key"].str.replace("key", "c")).all()
    assert set(blind["status"]) <= {"matched", "ambiguous"}


# --------------------------------------------------------------------------- blocking


def _reference_keys(name: str, side: str) -> set[str]:
    """Block keys of a normalised name, written out plainly (see importers/blocking.py)."""
    words = list(dict.fromkeys(name.split()))
    keys = {f"{a}|{b[0]}" for a in words for b in words if a != b}
    joined = "".join(sorted(name.split()))
    ends = {"^" + joined[:3], "$" + joined[-3:]}
    if side == "incoming":
        keys |= {("1" if len(words) == 1 else "n") + end for end in ends} if words else set()
    elif words:
        keys |= {"1" + end for end in ends} | ({"n" + end for end in ends}
                                               if len(words) == 1 else set())
    return keys


def _brute_force_pairs(incoming: pd.Series, existing: pd.Series):
    """Every pair sharing a key, found by comparing every name with every name."""
    import numpy as np

    found = [(i, j) for i, a in enumerate(incoming) for j, b in enumerate(existing)
             if _reference_keys(a, "incoming") & _reference_keys(b, "existing")]
    rows = np.array([i for i, _ in found], dtype=np.int64)
    cols = np.array([j for _, j in found], dtype=np.int64)
    return rows, cols, np.full(len(found), 2)  # every pair checked for containment


_FIRST = ["Ann", "Anne", "Jon", "John", "Johnny", "Bo", "Bob", "Priya", "Madonna", "Madona"]
_LAST = ["Smith", "Smyth", "Shah", "Shah-Webb", "Jones", "Jone", "", "Ng"]
_PERSON = st.tuples(st.sampled_from(_FIRST), st.sampled_from(_LAST),
                    st.sampled_from(["", "Acme", "Acme Ltd", "Globex"]))


@settings(max_examples=60, deadline=None)
@given(st.lists(_PERSON, min_size=1, max_size=10), st.lists(_PERSON, min_size=1, max_size=6))
def test_blocking_gives_the_brute_force_result(known, arriving):
    """Blocked matching decides exactly as comparing every name with every contact."""
    from refgraph.importers import blocking

    existing = pd.DataFrame({"id": [f"c{i}" for i in range(len(known))],
                             "name": [f"{a} {b}".strip() for a, b, _ in known],
                             "company": [c for _, _, c in known]})
    incoming = pd.DataFrame({"id": [f"k{i}" for i in range(len(arriving))],
                             "name": [f"{a} {b}".strip() for a, b, _ in arriving],
                             "company": [c for _, _, c in arriving]})
    blocked = resolve_identities(incoming, existing).matches
    keep = blocking.name_pairs
    blocking.name_pairs = _brute_force_pairs
    try:
        reference = resolve_identities(incoming, existing).matches
    finally:
        blocking.name_pairs = keep
    pd.testing.assert_frame_equal(blocked, reference)


def test_names_with_two_misspelt_words_are_not_compared():
    # token_sort_ratio("bob jone", "bo jones") is 87.5, but no word is shared.
    existing = pd.DataFrame({"id": ["bo"], "name": ["Bo Jones"], "company": ["Acme"]})
    row = resolve_identities(pd.DataFrame({"id": ["k"], "name": ["Bob Jone"],
                                           "company": ["Acme"]}), existing).matches.iloc[0]
    assert row["status"] == "new"


def test_the_pairs_compared_grow_with_shared_keys_not_the_product():
    import tracemalloc

    from refgraph.importers.blocking import name_pairs

    firsts = [f"first{i:02d}" for i in range(50)]
    lasts = [f"{chr(97 + i % 26)}last{i:03d}" for i in range(400)]
    names = [f"{first} {last}" for first in firsts for last in lasts]  # 20 000 contacts
    existing = pd.DataFrame({"id": [f"c{i}" for i in range(len(names))], "name": names})
    arriving = [f"{firsts[i % 50]} {lasts[(7 * i) % 400]}x" for i in range(1000)]
    rows, _, _ = name_pairs(pd.Series(arriving), pd.Series(names))
    # Each record meets the namesakes of its first name and surname initial
    # (about 400 / 26) and its surname's holders (50), not 20 000 contacts.
    assert len(rows) <= 1000 * 70
    tracemalloc.start()
    result = resolve_identities(pd.DataFrame({"id": arriving, "name": arriving}), existing)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1000 * 20_000 * 4 / 2  # half of one dense float32 score matrix
    assert set(result.matches["status"]) <= {"matched", "ambiguous", "new"}
