"""Add the optional ``gender`` and ``location`` columns to the consultant sample.

Usage::

    python scripts/sample_people.py [CONTACTS] [--out FILE]

``CONTACTS`` defaults to ``sample_networks/consultant/contacts.csv`` and is
rewritten in place (atomically) unless ``--out`` names another file. Every
other column is kept byte for byte; the two columns go last, and running the
script again rewrites them with the same values.

- ``gender`` comes from a fixed, hand-written table of first names (a title
  such as "Dr" is skipped). Names that are genuinely ambiguous ("Sam",
  "Chris") or not in the table stay blank, as a real address book would.
- ``location`` is a town: most contacts live in or around London (the sample's
  phone numbers are London ones), a few further afield, and about one in seven
  is blank. The choice is a CRC-32 of the contact's id, so it does not depend
  on row order, the random generator or the Python version.

``scripts/make_sample_networks.py`` calls :func:`add_people_columns`, so a
fresh generation gives the shipped files.
"""

from __future__ import annotations

import argparse
import io
import sys
import zlib
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from refgraph.io.files import write_atomic

DEFAULT_CONTACTS = (Path(__file__).resolve().parents[1] / "sample_networks" / "consultant"
                    / "contacts.csv")

_FEMALE = """Aisha Alice Amara Amelia Ana Anna Aoife Ayesha Beth Caroline Carys Catherine
Charlotte Chiara Chloe Chloé Claire Deborah Eleanor Ella Emma Farah Fatima Fiona Frances
Georgia Gillian Grace Hannah Helen Imogen Ingrid Jane Jasmine Jenny Julia Karen Kate Laura
Lily Lisa Louise Lucy Maria Maya Meera Mei Molly Nadia Natalie Niamh Olivia Philippa Priya
Rachel Rebecca Renée Rosie Ruth Sarah Siobhán Sofia Sophie Sunita Tessa Uma Victoria Yasmin
Zara Zoë"""
_MALE = """Adam Alan Andrew Arjun Bartłomiej Ben Bogdan Connor Dan Daniel David Dev Ethan Finn
Gareth George Greg Hamza Harry Ian Isaac Jack James Jonathan José Jürgen Kevin Kieran Kwame
Leo Liam Luke Marek Mark Martin Matthew Michael Neil Nikhil Oliver Omar Owen Patrick Paul
Peter Raj Rhys Richard Rob Robert Scott Sean Simon Søren Stephen Tariq Thomas Toby Tom Victor
Will Łukasz"""
#: First name -> recorded gender. Ambiguous names (Sam, Chris, Jo, Alex) are left out on
#: purpose: "cannot tell" is the honest answer for them.
GENDER_BY_FIRST_NAME: dict[str, str] = {**dict.fromkeys(_FEMALE.split(), "female"),
                                        **dict.fromkeys(_MALE.split(), "male")}
_TITLES = {"Dr", "Prof", "Mr", "Mrs", "Ms", "Miss"}

#: Towns and their weights: London, the commuter towns around it (none of them a London
#: borough, so "someone in London" is unambiguous) and a few cities further away.
TOWNS: tuple[tuple[str, int], ...] = (
    ("London", 46), ("Watford", 5), ("St Albans", 5), ("Guildford", 5), ("Reading", 5),
    ("Woking", 4), ("Brighton", 4), ("Chelmsford", 4), ("Sevenoaks", 3), ("Maidstone", 3),
    ("Tunbridge Wells", 3), ("Luton", 2), ("Crawley", 2), ("Slough", 2), ("Cambridge", 2),
    ("Oxford", 2), ("Birmingham", 2), ("Manchester", 2), ("Leeds", 2), ("Bristol", 1),
)
#: About one contact in this many has no location recorded.
BLANK_ONE_IN = 7
#: Contacts whose notes already say where they are.
KNOWN_LOCATIONS = {
    "me": "London",
    "c0001": "London",  # "My accountant too": the owner's own, local accountant.
    "c0021": "Bristol",  # "Moved to Bristol in 2025."
}


def gender_of(name: str) -> str:
    """The recorded gender for a full name, or "" when the first name does not tell.

    Examples
    --------
    >>> [gender_of(n) for n in ["Dr Amara Okafor", "Sam Carter", "Tom Bell", "Zed X"]]
    ['female', '', 'male', '']
    """
    words = [w for w in name.split() if w.rstrip(".") not in _TITLES]
    return GENDER_BY_FIRST_NAME.get(words[0], "") if words else ""


def location_of(contact_id: str) -> str:
    """A stable town for a contact id ("" for about one in seven).

    Examples
    --------
    >>> location_of("c0021"), location_of("c0021") == location_of("c0021")
    ('Bristol', True)
    """
    if contact_id in KNOWN_LOCATIONS:
        return KNOWN_LOCATIONS[contact_id]
    if zlib.crc32(f"{contact_id}:blank".encode()) % BLANK_ONE_IN == 0:
        return ""
    pick = zlib.crc32(f"{contact_id}:town".encode()) % sum(w for _, w in TOWNS)
    for town, weight in TOWNS:
        if pick < weight:
            return town
        pick -= weight
    raise AssertionError("unreachable: the pick is below the total weight")


def add_people_columns(text: str) -> str:
    """contacts.csv text with ``gender`` and ``location`` (re)written as its last columns.

    Every other column's bytes are unchanged: the file is read as text only
    (no type guessing) and written back the way the generator writes it.

    Examples
    --------
    >>> add_people_columns("id,name\\nme,Sam Carter\\nc0021,Ella Turner\\n")
    'id,name,gender,location\\nme,Sam Carter,,London\\nc0021,Ella Turner,female,Bristol\\n'
    """
    contacts = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    contacts = contacts.drop(columns=["gender", "location"], errors="ignore")
    before = contacts.to_csv(index=False, lineterminator="\n")
    contacts["gender"] = contacts["name"].map(gender_of)
    contacts["location"] = contacts["id"].map(location_of)
    after = contacts.to_csv(index=False, lineterminator="\n")
    # Why: the other columns must survive byte for byte; check it rather than trust it.
    kept = pd.read_csv(io.StringIO(after), dtype=str, keep_default_na=False)
    if kept.drop(columns=["gender", "location"]).to_csv(index=False, lineterminator="\n") \
            != before:
        raise RuntimeError("rewriting the contacts would change other columns")
    return after


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("contacts", nargs="?", type=Path, default=DEFAULT_CONTACTS,
                        help="contacts.csv to rewrite (default: the consultant sample's)")
    parser.add_argument("--out", type=Path,
                        help="write here instead of rewriting CONTACTS in place")
    args = parser.parse_args(argv)
    text = add_people_columns(args.contacts.read_text(encoding="utf-8"))
    out = args.out or args.contacts
    write_atomic(out, text)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    print(f"{out}: {len(frame)} contacts, gender recorded for {(frame['gender'] != '').sum()}, "
          f"location for {(frame['location'] != '').sum()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
