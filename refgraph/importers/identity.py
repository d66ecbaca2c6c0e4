"""Identity resolution: which contact of the network an imported record is.

The same person arrives from LinkedIn, the phone's address book and the
calendar. Records are matched to contacts by these rules, strongest first:

1. **The identity map.** ``identity_map.csv`` in the network folder maps an
   incoming key to a contact id, to ``new`` (always a new contact) or to
   ``skip`` (never import it). Imports record every decision there, so a
   re-import finds the same contacts even after their names were edited.
2. **E-mail**, lower-cased and stripped: one contact sharing an address is a
   match.
3. **Phone**, as E.164 (``+447700900123``) read with a default region for
   national numbers (``imports.default_region``, ``GB``).
4. **Name and company**: rapidfuzz ``token_sort_ratio`` of the normalised
   names (accents, case, titles and punctuation ignored) at least
   ``imports.name_threshold`` (92) *and*, when both have a company,
   ``token_set_ratio`` of the companies (legal suffixes dropped) at least
   ``imports.company_threshold`` (80). When a company is missing on either
   side only an exact name match counts, and only if no e-mails disagree.

Anything less certain is **ambiguous** and never merged silently: two
contacts share the e-mail, the names match but the companies differ, a fuzzy
name has no company to confirm it, a near name (``imports.review_threshold``,
85) works at the same company, or one full name contains the other at the same
company (a contact renamed "Priya Shah-Webb"). Ambiguous records are listed for
review and wait until the identity map says who they are.

Records that match nobody become new contacts with ids made from their names
(``ann-smith``, then ``ann-smith-2``, ...), never reusing an id.

E-mails, phones, names and companies are compared in the forms
:mod:`refgraph.importers.normalise` gives them; the review list of ambiguous
records is rendered by :mod:`refgraph.show.importing`. A few records against
many contacts (``refgraph add``) are compared only with the contacts
:mod:`refgraph.importers.shortlist` finds they can share something with,
which decides exactly as comparing them with every contact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa

from refgraph.importers import blocking, shortlist
from refgraph.importers.normalise import (
    check_region,
    make_contact_id,
    normalise_company,
    normalise_name,
    normalise_phone,
    phone_digits,
    split_emails,
    split_phones,
)
from refgraph.io.settings import ImportSettings, Settings
from refgraph.io.text import clean_identifier
from refgraph.results import Result

#: Identity-map values with a meaning of their own.
MAP_NEW = "new"
MAP_SKIP = "skip"
_UNCONFIRMED = "same name, no company to confirm"
#: Trailing digits a contact's phone must share with an incoming one to be read.
_PHONE_TAIL = 6
#: Contacts per incoming record from which only the contacts that can match the
#: records are read (:mod:`refgraph.importers.shortlist`); below it, reading all
#: of them column-wise costs less than finding the few.
SHORTLIST_RATIO = 300


# --------------------------------------------------------------------------- result


@dataclass
class IdentityMatches(Result):
    """Which contact each incoming record is.

    Attributes
    ----------
    matches : DataFrame
        One row per incoming record: ``key``, ``group`` (records that are
        one person share it), ``name``, ``company``, ``email``, ``phone``,
        ``status`` (``matched``, ``new``, ``ambiguous``, ``skip`` or
        ``unmatched``), ``contact_id`` (empty unless matched or new),
        ``rule`` (``map``, ``email``, ``phone``, ``name+company``, ``name``,
        ``review``), ``score`` and ``candidates`` (a list of dicts with
        ``id``, ``name``, ``company``, ``score``, ``reason``).
    """

    matches: pd.DataFrame
    title = "Identity matches"

    @property
    def ambiguous(self) -> pd.DataFrame:
        """One row per ambiguous incoming person (the first record of its group)."""
        rows = self.matches[self.matches["status"] == "ambiguous"]
        return rows.drop_duplicates("group").reset_index(drop=True)

    def contact_of(self) -> dict[str, str]:
        """Incoming key to contact id, for matched and new records."""
        done = self.matches[self.matches["status"].isin(["matched", "new"])]
        return dict(zip(done["key"], done["contact_id"], strict=True))

    def to_dict(self) -> dict[str, Any]:
        """Every record's decision, and the ambiguous ones with their candidates."""
        columns = ["key", "name", "company", "email", "phone", "status", "contact_id", "rule",
                   "score", "candidates"]
        return {
            "matches": self.matches[columns].to_dict("records"),
            "ambiguous": [review_dict(row) for row in self.ambiguous.itertuples(index=False)],
        }

    def to_frame(self) -> pd.DataFrame:
        """The matches, without the candidate lists."""
        return self.matches.drop(columns=["candidates"])


def review_dict(row: Any) -> dict[str, Any]:
    """An ambiguous record (a row of :attr:`IdentityMatches.ambiguous`) as JSON values.

    Examples
    --------
    >>> frame = pd.DataFrame({"key": ["k"], "name": ["Ann"], "company": [""], "email": [""],
    ...                       "phone": [""], "candidates": [[]]})
    >>> review_dict(next(frame.itertuples(index=False)))["incoming_key"]
    'k'
    """
    return {
        "incoming_key": row.key,
        "name": row.name,
        "company": row.company,
        "email": row.email,
        "phone": row.phone,
        "candidates": list(row.candidates),
    }


# --------------------------------------------------------------------------- resolution


def _settings(settings: Settings | ImportSettings | None) -> ImportSettings:
    if settings is None:
        return ImportSettings()
    if isinstance(settings, Settings):
        return settings.imports
    return settings


def _text_column(frame: pd.DataFrame, column: str, *, as_object: bool = True) -> pd.Series:
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    text = frame[column]
    if text.dtype == object and pd.api.types.infer_dtype(text, skipna=False) == "string":
        return text  # Python strings already (the loader's columns): nothing to convert
    text = text.fillna("").astype(str)
    return text.astype(object) if as_object else text


def _unique_map(values: pd.Series, function) -> pd.Series:
    """``values.map(function)``, calling ``function`` once per different value."""
    uniques = pd.unique(values.to_numpy())
    mapped = values.map(dict(zip(uniques, (function(v) for v in uniques), strict=True)))
    return mapped.astype(object)


def _exploded(ids: pd.Series, cells: pd.Series, split, normalise) -> pd.DataFrame:
    """(id, value) pairs: every normalised value of every cell."""
    values = _unique_map(cells, split)
    pairs = pd.DataFrame({"id": ids.to_numpy(), "value": values.to_numpy()})
    pairs = pairs.explode("value")
    pairs = pairs[pairs["value"].notna()]
    pairs["value"] = _unique_map(pairs["value"], normalise)
    pairs = pairs[pairs["value"] != ""]
    return pairs.drop_duplicates().reset_index(drop=True)


def _scored_pairs(rep_names: pd.Series, ex_names: pd.Series, by_name: np.ndarray,
                  config: ImportSettings) -> pd.DataFrame:
    """The name pairs worth a look, scored: ``row``, ``col``, ``score``, ``near``.

    Only pairs sharing a block key (:func:`refgraph.importers.blocking.name_pairs`)
    are scored, and only rows in ``by_name``. A pair is kept when its
    ``token_sort_ratio`` reaches the lower of the name and review thresholds
    (``near``), or when one full name of two or more words contains the other
    (a contact renamed "Priya Shah-Webb", worth a review at the same company).
    Sorted by row, best score first, then contact order.
    """
    from rapidfuzz import fuzz, process

    cutoff = min(config.review_threshold, config.name_threshold)
    rows, cols, shared = blocking.name_pairs(rep_names.where(by_name, ""), ex_names)
    if not len(rows):
        return pd.DataFrame({"row": np.zeros(0, np.int64), "col": np.zeros(0, np.int64),
                             "score": np.zeros(0, np.float32), "near": np.zeros(0, bool)})
    left = rep_names.to_numpy()[rows].tolist()
    right = ex_names.to_numpy()[cols].tolist()
    scores = process.cpdist(left, right, scorer=fuzz.token_sort_ratio, processor=None,
                            score_cutoff=cutoff, dtype=np.float32, workers=1)
    near = scores >= cutoff
    # Containment needs two names of two or more words with every word of the
    # shorter in the longer: such a pair shares at least two block keys.
    maybe = ~near & (shared >= 2)
    maybe[maybe] = [" " in left[i] and " " in right[i] for i in np.flatnonzero(maybe)]
    which = np.flatnonzero(maybe)
    contained = np.zeros(len(rows), dtype=bool)
    contained[which] = process.cpdist(
        [left[i] for i in which], [right[i] for i in which], scorer=fuzz.token_set_ratio,
        processor=None, score_cutoff=100, dtype=np.float32, workers=1) >= 100
    keep = near | contained
    pairs = pd.DataFrame({"row": rows[keep], "col": cols[keep], "score": scores[keep],
                          "near": near[keep]})
    return pairs.sort_values(["row", "score", "col"], ascending=[True, False, True],
                             kind="stable").reset_index(drop=True)


def _groups(count: int, keys: pd.Series, emails: pd.DataFrame, phones: pd.DataFrame
            ) -> np.ndarray:
    """Group number of each incoming record: records sharing a key, e-mail or phone.

    ``emails`` and ``phones`` hold (``id`` = record position, ``value``) pairs.
    Groups are numbered in the order of their first record.
    """
    graph = nx.Graph()
    graph.add_nodes_from(range(count))
    for prefix, pairs in (("e:", emails), ("p:", phones), ("k:", None)):
        if pairs is None:
            edges = zip(range(count), (prefix + keys).tolist(), strict=True)
        else:
            edges = zip(pairs["id"].astype(int).tolist(), (prefix + pairs["value"]).tolist(),
                        strict=True)
        graph.add_edges_from(edges)
    group = np.empty(count, dtype=np.int64)
    firsts = sorted(sorted(n for n in component if isinstance(n, int))
                    for component in nx.connected_components(graph))
    for number, members in enumerate(firsts):
        group[members] = number
    return group


def _candidate(existing: Mapping[str, list], position: int, score: float, reason: str
               ) -> dict:
    return {
        "id": existing["id"][position],
        "name": existing["name"][position],
        "company": existing["company"][position],
        "score": round(float(score), 1),
        "reason": reason,
    }


def resolve_identities(
    incoming: pd.DataFrame,
    existing: pd.DataFrame,
    *,
    mapping: Mapping[str, str] | None = None,
    settings: Settings | ImportSettings | None = None,
    region: str | None = None,
    create: bool = True,
    reserved: Iterable[str] = (),
) -> IdentityMatches:
    """Decide which existing contact (or a new one) each incoming record is.

    Parameters
    ----------
    incoming : DataFrame
        Imported records: ``id`` (the incoming key), ``name``, and optionally
        ``company``, ``email``, ``phone`` (``;``-lists).
    existing : DataFrame
        The network's contacts: ``id``, ``name``, optional ``company``,
        ``email``, ``phone``.
    mapping : mapping, optional
        Incoming key to contact id, ``"new"`` or ``"skip"`` (the identity map).
        Keys mapped to ids that are not contacts any more are resolved again.
    settings : Settings or ImportSettings, optional
        Thresholds (``imports`` section); defaults when omitted.
    region : str, optional
        Phone region for national numbers; default ``settings.imports.default_region``.
    create : bool
        Whether records that match nobody become new contacts (``new``) or are
        left out (``unmatched``).
    reserved : iterable of str
        Ids a new contact must not get (besides the existing ones).

    Returns
    -------
    IdentityMatches
        One decision per incoming record; see :class:`IdentityMatches`.

    Examples
    --------
    >>> existing = pd.DataFrame({"id": ["ann", "bob"], "name": ["Ann Smith", "Bob Jones"],
    ...                          "company": ["Acme Ltd", ""], "email": ["ann@acme.com", ""]})
    >>> incoming = pd.DataFrame({"id": ["k1", "k2", "k3"],
    ...     "name": ["Ann S.", "Anne Smith", "Cara Diaz"], "company": ["", "ACME", ""],
    ...     "email": ["ANN@acme.com", "", ""]})
    >>> result = resolve_identities(incoming, existing)
    >>> for row in result.matches[["key", "status", "contact_id", "rule"]].values.tolist():
    ...     print(row)
    ['k1', 'matched', 'ann', 'email']
    ['k2', 'matched', 'ann', 'name+company']
    ['k3', 'new', 'cara-diaz', 'new']
    """
    config = _settings(settings)
    region = check_region(region or config.default_region)
    mapping = dict(mapping or {})

    incoming = incoming.reset_index(drop=True)
    existing = existing.reset_index(drop=True)
    keys = _text_column(incoming, "id").map(clean_identifier)
    inc = pd.DataFrame({
        "key": keys,
        "name": _text_column(incoming, "name").map(clean_identifier),
        "company": _text_column(incoming, "company"),
        "email": _text_column(incoming, "email"),
        "phone": _text_column(incoming, "phone"),
    })
    # The contacts' text as it comes (Arrow-backed in pandas 3): made Python
    # strings only for the contacts read further.
    raw = {column: _text_column(existing, column, as_object=False)
           for column in ("id", "name", "company", "email", "phone")}
    existing_ids = set(raw["id"].tolist())

    def phone(value: str) -> str:
        return normalise_phone(value, region)

    record = pd.Series(np.arange(len(inc)))
    inc_emails = _exploded(record, inc["email"], split_emails, lambda v: v)
    inc_phones = _exploded(record, inc["phone"], split_phones, phone)
    # Normalising a phone is slow (phonenumbers), so only the contacts' phones
    # ending in the last digits of an incoming phone are read: E.164 keeps the
    # subscriber digits at the end.
    tails = {number[-_PHONE_TAIL:] for number in inc_phones["value"]}
    names = shortlist.name_column(raw["name"])
    kept = np.arange(len(raw["id"]))
    if len(kept) and len(inc) * SHORTLIST_RATIO <= len(kept):
        # A few records against many contacts: only the contacts that can share
        # an e-mail, a phone tail or a name block key with them are read further.
        keys = blocking.name_block_keys(inc["name"].map(normalise_name), side="incoming")
        kept = shortlist.possible_contacts(keys["key"], inc_emails["value"], tails,
                                           names=names, emails=raw["email"],
                                           phones=raw["phone"])
        # Every row of a kept id comes along: an id's first row names it among
        # the candidates, and all its rows' e-mails are its e-mails.
        ids = raw["id"]
        kept = np.flatnonzero(ids.isin(set(ids.iloc[kept].tolist())).to_numpy())
        names = names.take(pa.array(kept, type=pa.int64()))
    ex = pd.DataFrame({column: text.iloc[kept].astype(object).reset_index(drop=True)
                       for column, text in raw.items()})
    ex_names = names.to_numpy(zero_copy_only=False).astype(object)
    addresses = shortlist.email_pairs(ex["email"])
    ex_emails = pd.DataFrame({"id": ex["id"].to_numpy()[addresses["row"].to_numpy()],
                              "value": addresses["value"].to_numpy()})
    ex_emails = ex_emails.drop_duplicates().reset_index(drop=True)
    ex_phones = _exploded(ex["id"], ex["phone"], split_phones, lambda v: (
        phone(v) if phone_digits(v)[-_PHONE_TAIL:] in tails else ""))
    inc["group"] = _groups(len(inc), inc["key"], inc_emails, inc_phones)
    group_of_record = inc["group"].to_numpy()

    # Candidate contacts per group from shared e-mails and phones (vectorised joins).
    def shared(inc_pairs: pd.DataFrame, ex_pairs: pd.DataFrame) -> dict[int, list[str]]:
        joined = inc_pairs.merge(ex_pairs, on="value", suffixes=("_in", "_ex"))
        if joined.empty:
            return {}
        joined["group"] = group_of_record[joined["id_in"].astype(int).to_numpy()]
        return joined.groupby("group")["id_ex"].agg(lambda s: list(dict.fromkeys(s))).to_dict()

    by_email = shared(inc_emails, ex_emails)
    by_phone = shared(inc_phones, ex_phones)
    emails_of_group = inc_emails.assign(
        group=group_of_record[inc_emails["id"].astype(int).to_numpy()]
    ).groupby("group")["value"].agg(set).to_dict()

    # Fuzzy names, for the groups no map, e-mail or phone decides: only the
    # pairs sharing a block key are scored, so memory follows the pairs, not
    # incoming x existing.
    representative = inc.drop_duplicates("group").set_index("group")
    companies = inc[inc["company"].str.strip() != ""].drop_duplicates("group").set_index(
        "group")["company"]
    members_of = inc.groupby("group")["key"].agg(list)

    def decided(value: str) -> bool:  # without copying the contacts' ids
        return value in (MAP_NEW, MAP_SKIP) or value in existing_ids

    by_name = np.array([
        group not in by_email and group not in by_phone
        and not any(decided(mapping.get(key, "")) for key in members_of[group])
        for group in representative.index], dtype=bool)
    rep_names = representative["name"].map(normalise_name).reset_index(drop=True)
    pairs = _scored_pairs(rep_names, pd.Series(ex_names, dtype=object), by_name, config)
    starts = np.searchsorted(pairs["row"].to_numpy(), np.arange(len(rep_names) + 1))
    # Only the companies of contacts with a near name are ever compared.
    ex_companies = np.full(len(ex), "", dtype=object)
    compared = np.unique(pairs["col"].to_numpy())
    ex_companies[compared] = _unique_map(ex["company"].iloc[compared],
                                         normalise_company).to_numpy()
    named = set(ex["id"].to_numpy()[pairs["col"].to_numpy()])
    emails_of_contact = ex_emails[ex_emails["id"].isin(named)].groupby("id")["value"].agg(
        set).to_dict()
    ex_lists = {column: ex[column].tolist() for column in ("id", "name", "company")}

    reserved_ids = set(existing_ids)
    reserved_ids.update(str(r) for r in reserved)
    reserved_ids.update(v for v in mapping.values() if v not in (MAP_NEW, MAP_SKIP))
    position = pd.Series(np.arange(len(ex)), index=ex["id"].to_numpy())
    position = position[~position.index.duplicated()]
    decisions: dict[int, dict[str, Any]] = {}
    pair_cols, pair_scores, pair_near = (pairs[c].tolist() for c in ("col", "score", "near"))
    for row_number, (group_id, rep_name, rep_key) in enumerate(zip(
            representative.index, representative["name"], representative["key"], strict=True)):
        near_names = slice(starts[row_number], starts[row_number + 1])
        decision = _decide(
            members_of[group_id], mapping, existing_ids, position, by_email.get(group_id, []),
            by_phone.get(group_id, []),
            (pair_cols[near_names], pair_scores[near_names], pair_near[near_names]),
            ex_lists, ex_companies,
            normalise_company(companies.get(group_id, "")), emails_of_group.get(group_id, set()),
            emails_of_contact, config,
        )
        if decision["status"] == "new" and not create:
            decision = {**decision, "status": "unmatched", "rule": ""}
        if decision["status"] == "new":
            decision["contact_id"] = make_contact_id(rep_name, reserved_ids, key=rep_key)
        decisions[group_id] = decision

    out = inc.copy()
    for column in ("status", "contact_id", "rule", "score"):
        out[column] = out["group"].map(lambda g, c=column: decisions[g][c])
    out["candidates"] = out["group"].map(lambda g: decisions[g]["candidates"])
    out["score"] = out["score"].astype(float)
    return IdentityMatches(out[["key", "group", "name", "company", "email", "phone", "status",
                                "contact_id", "rule", "score", "candidates"]])


def _decide(
    members: list[str],
    mapping: dict[str, str],
    existing_ids: set[str],
    position: pd.Series,
    email_ids: list[str],
    phone_ids: list[str],
    near_names: tuple[list[int], list[float], list[bool]],
    ex: Mapping[str, list],
    ex_companies: np.ndarray,
    company: str,
    emails: set[str],
    emails_of_contact: dict[str, set[str]],
    config: ImportSettings,
) -> dict[str, Any]:
    """The decision for one incoming person (a group of records)."""
    from rapidfuzz import fuzz

    def result(status: str, contact_id: str = "", rule: str = "", score: float = 0.0,
               candidates: list | None = None) -> dict[str, Any]:
        return {"status": status, "contact_id": contact_id, "rule": rule, "score": score,
                "candidates": candidates or []}

    for key in members:
        value = mapping.get(key, "").strip()
        if value == MAP_SKIP:
            return result("skip", rule="map")
        if value == MAP_NEW:
            return result("new", rule="map")
        if value in existing_ids:
            return result("matched", value, "map", 100.0)

    for ids, rule in ((email_ids, "email"), (phone_ids, "phone")):
        if len(ids) == 1:
            return result("matched", ids[0], rule, 100.0)
        if len(ids) > 1:
            what = "e-mail" if rule == "email" else "phone"
            return result("ambiguous", rule="review", candidates=[
                _candidate(ex, int(position[i]), 100.0, f"shares this {what}") for i in ids])

    confirmed, review = [], []
    # ``near_names`` comes best score first, then in contact order.
    for i, score, near in zip(*near_names, strict=True):
        other_company = ex_companies[i]
        if company and other_company:
            agree = fuzz.token_set_ratio(company, other_company) >= config.company_threshold
            if agree and score >= config.name_threshold:
                confirmed.append((i, score))
            elif agree and near:
                review.append(_candidate(ex, i, score, "similar name at the same company"))
            elif agree:
                review.append(_candidate(ex, i, score,
                                         "one name contains the other, same company"))
            elif score >= config.name_threshold:
                review.append(_candidate(ex, i, score, "same name, different company"))
        elif not near:
            continue  # a contained name alone, without a company, is too weak
        elif score >= 100.0 - 1e-6:
            theirs = emails_of_contact.get(ex["id"][i], set())
            reason = ("same name, different e-mails" if emails and theirs and not emails & theirs
                      else _UNCONFIRMED)
            review.append(_candidate(ex, i, score, reason))
        elif score >= config.name_threshold:
            review.append(_candidate(ex, i, score, "similar name, no company to confirm"))

    if len(confirmed) == 1:
        i, score = confirmed[0]
        return result("matched", ex["id"][i], "name+company", score)
    if len(confirmed) > 1:
        return result("ambiguous", rule="review", candidates=[
            _candidate(ex, i, s, "same name, same company") for i, s in confirmed] + review)
    if len(review) == 1 and review[0]["reason"] == _UNCONFIRMED:
        # An exact name, one such contact, nothing contradicting: the same person.
        return result("matched", review[0]["id"], "name", review[0]["score"])
    if review:
        return result("ambiguous", rule="review", candidates=review)
    return result("new", rule="new")
