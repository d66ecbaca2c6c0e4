"""Settings: defaults, network.toml validation, and the defaults table in docs/defaults.md."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from refgraph import Settings, SettingsError, load_settings
from refgraph.io.settings import (
    DEFAULT_HALF_LIFE_DAYS,
    DEFAULT_KIND_WEIGHTS,
    KINDS,
    STAGES,
)
from refgraph.io.settings_load import settings_from_dict

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "defaults_table.py"
SECTIONS = [f.name for f in dataclasses.fields(Settings)
            if dataclasses.is_dataclass(getattr(Settings(), f.name))]


def toml(tmp_path, text: str) -> Path:
    path = tmp_path / "network.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- defaults


def test_defaults():
    settings = Settings()
    assert settings.owner is None
    assert settings.kind_weights == DEFAULT_KIND_WEIGHTS
    assert settings.half_life_days == DEFAULT_HALF_LIFE_DAYS
    assert set(settings.kind_weights) == set(settings.half_life_days) == set(KINDS)
    assert all(v > 0 for v in settings.half_life_days.values())
    assert all(v >= 0 for v in settings.kind_weights.values())
    assert settings.needs == {}
    # Defaults are copies: changing one Settings' table leaves the next alone.
    settings.kind_weights["call"] = 99.0
    assert Settings().kind_weights["call"] == DEFAULT_KIND_WEIGHTS["call"] != 99.0


def test_model_defaults_behave_as_documented():
    settings = Settings()
    # Deep contact outweighs and outlasts light contact.
    assert settings.kind_weights["one_to_one"] > settings.kind_weights["email"]
    assert settings.kind_weights["email"] > settings.kind_weights["social"]
    assert settings.half_life_days["referral"] > settings.half_life_days["social"]
    # One 1-to-1 alone is not "repeated" contact; two fresh ones are.
    assert 1.0 < settings.stages.credibility_min <= 2.0
    assert settings.stages.profitability_min <= 1.0
    assert settings.trust.scale > 0


def test_empty_and_owner_only():
    assert settings_from_dict({}) == Settings()
    assert settings_from_dict({"owner": " me "}).owner == "me"


def test_replace_keeps_other_fields():
    changed = Settings(owner="a").replace(owner="b")
    assert changed.owner == "b" and changed.kind_weights == Settings().kind_weights


# --------------------------------------------------------------------------- network.toml


def test_load_settings_reads_every_table(tmp_path):
    path = toml(tmp_path, """
owner = "me"

[kind_weights]
social = 0.05
call = 2

[half_life_days]
one_to_one = 540

[trust]
scale = 4.5

[stages]
credibility_min = 3.0

[ask]
min_asker_stage = "profitability"

[needs.bookkeeping]
keywords = ["books", "ledger"]
professions = ["bookkeeper"]
context = ["business"]
""")
    settings = load_settings(path)
    assert settings.owner == "me"
    assert settings.kind_weights["social"] == 0.05 and settings.kind_weights["call"] == 2.0
    assert settings.kind_weights["email"] == DEFAULT_KIND_WEIGHTS["email"]
    assert settings.half_life_days["one_to_one"] == 540.0
    assert settings.trust.scale == 4.5
    assert settings.stages.credibility_min == 3.0
    assert settings.stages.profitability_min == Settings().stages.profitability_min
    assert settings.ask.min_asker_stage == "profitability"
    assert settings.needs == {"bookkeeping": {"keywords": ["books", "ledger"],
                                              "professions": ["bookkeeper"],
                                              "context": ["business"]}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('ower = "me"', "unknown key 'ower'; did you mean 'owner'? expected one of: owner, "
                        "as_of, kind_weights"),
        ("[kind_weight]\ncall = 1", "unknown key 'kind_weight'"),
        ("[kind_weights]\nlunch = 1", "kind_weights: unknown key 'lunch'; expected one of: "
         + ", ".join(KINDS)),
        ("[half_life_days]\ncalls = 1", "half_life_days: unknown key 'calls'"),
        ("[trust]\nscael = 1", "trust: unknown key 'scael'; did you mean 'scale'? expected "
                              "one of: scale"),
        ("[stages]\ncredibility = 1", "stages: unknown key 'credibility'"),
        ("[needs.x]\nwords = []",
         "needs.x: unknown key 'words'; did you mean 'keywords'? expected one of: keywords, "
         "professions, context, leads"),
    ],
)
def test_unknown_keys_are_named(tmp_path, text, expected):
    with pytest.raises(SettingsError) as caught:
        load_settings(toml(tmp_path, text))
    assert str(tmp_path / "network.toml") in str(caught.value)
    assert expected in str(caught.value)


def test_a_key_nothing_is_close_to_gets_no_guess(tmp_path):
    with pytest.raises(SettingsError) as caught:
        load_settings(toml(tmp_path, "[trust]\nxyz = 1"))
    assert "unknown key 'xyz'; expected one of: scale" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("owner = 3", "owner: expected a contact id"),
        ('owner = "  "', "owner: expected a contact id"),
        ("[kind_weights]\ncall = -1", "kind_weights.call: expected a number >= 0, got -1"),
        ('[kind_weights]\ncall = "high"', "kind_weights.call: expected a finite number"),
        ("[kind_weights]\ncall = true", "kind_weights.call: expected a finite number, got True"),
        ("[kind_weights]\ncall = nan", "kind_weights.call: expected a finite number"),
        ("[half_life_days]\ncall = 0", "half_life_days.call: expected a number > 0, got 0"),
        ("[half_life_days]\ncall = inf", "half_life_days.call: expected a finite number"),
        ("kind_weights = 3", "kind_weights: expected a table of kind = number"),
        ("trust = 3", "trust: expected a table"),
        ("[trust]\nscale = -2.0", "trust.scale: expected a number >= 0, got -2.0"),
        ('[stages]\ncredibility_min = "2"', "stages.credibility_min: expected a finite number"),
        ("[refer]\ntop = 2.5", "refer.top: expected a whole number from 0 to"),
        ("[refer]\ntop = -1", "refer.top: expected a whole number from 0 to"),
        # Values that would divide by zero, break PageRank or run for ever.
        ("[trust]\nscale = 0", "trust.scale: expected a number above 0, got 0.0"),
        ("[nurture]\nmax_cadence_days = 0", "nurture.max_cadence_days: expected a number above 0"),
        ("[stats]\npagerank_alpha = 1.5", "stats.pagerank_alpha: expected a number above 0"),
        ("[stats]\nfading_months = 100000000", "stats.fading_months: expected at most 1200"),
        ("[viz]\nlayout_seed = 100000000000000000000",
         "viz.layout_seed: expected a whole number from 0 to 2,147,483,647"),
        ('[ask]\nmin_asker_stage = "trusted"',
         "ask.min_asker_stage: expected one of " + ", ".join(STAGES)),
        ("needs = 1", "needs: expected a table of situations"),
        ('[path]\nmethod = "shortest"', "path.method: expected one of"),
        ("[needs.x]\nkeywords = [1]", "needs.x.keywords: expected a list of strings"),
        ('[contacts]\ndo_not_contact_tags = "deceased"',
         "contacts.do_not_contact_tags: expected a list of strings, got 'deceased'"),
        ('[contacts]\ndo_not_contact_tags = ["deceased", 3]',
         "contacts.do_not_contact_tags: expected a list of strings"),
        ('[contacts]\ndo_not_contact_tags = ["deceased", " - "]',
         "contacts.do_not_contact_tags: expected a list of tags such as \"deceased\" or "
         "\"do not contact\" (words, without ';'), got ' - '"),
        ('[contacts]\ndo_not_contact_tags = ["moved; away"]',
         "contacts.do_not_contact_tags: expected a list of tags such as"),
    ],
)
def test_bad_values_are_named(tmp_path, text, expected):
    with pytest.raises(SettingsError, match=r"network\.toml") as caught:
        load_settings(toml(tmp_path, text))
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ('owner = "me"\n\n[trust]\nscael = 1\n', 4, "trust: unknown key 'scael'"),
        ('# comment\nower = "me"\n', 2, "unknown key 'ower'"),
        ('owner = "me"\n[ "kind_weights" ]  # mine\n  call = -1\n', 3,
         "kind_weights.call: expected a number >= 0"),
        ("kind_weights.call = -1\n", 1, "kind_weights.call: expected a number >= 0"),
        ("trust = { scael = 1 }\n", 1, "trust: unknown key 'scael'"),
        ('[refer]\ntop = 3\n[path]\nk = 2\nmethod = "shortest"\n', 5, "path.method"),
        ('[needs.x]\nkeywords = ["a"]\nwords = []\n', 3, "needs.x: unknown key 'words'"),
        ('[contacts]\nextra_columns = []\ndo_not_contact_tags = [""]\n', 3,
         "contacts.do_not_contact_tags: expected a list of tags"),
    ],
)
def test_errors_name_file_line_and_key(tmp_path, text, line, expected):
    with pytest.raises(SettingsError) as caught:
        load_settings(toml(tmp_path, text))
    assert str(caught.value).startswith(f"{tmp_path / 'network.toml'}, line {line}: {expected}")


def test_invalid_toml_and_encoding(tmp_path):
    with pytest.raises(SettingsError, match=r"network\.toml: not valid TOML"):
        load_settings(toml(tmp_path, "owner = \n"))
    path = tmp_path / "network.toml"
    path.write_bytes(b'owner = "Zo\xeb"\n')
    with pytest.raises(SettingsError, match=r"network\.toml: not (valid TOML|UTF-8)"):
        load_settings(path)


def _other_value(value):
    """A different valid value of the same type (strings keep their value)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value * 2 + 0.5
    return value


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_key_is_configurable(section):
    defaults = getattr(Settings(), section)
    for field in dataclasses.fields(defaults):
        value = _other_value(getattr(defaults, field.name))
        try:
            settings = settings_from_dict({section: {field.name: value}})
        except SettingsError:
            # A section may check combinations (e.g. a share above 1); the key
            # must still be recognised, so the error must not call it unknown.
            with pytest.raises(SettingsError) as caught:
                settings_from_dict({section: {field.name: value}})
            assert "unknown key" not in str(caught.value)
            continue
        assert getattr(getattr(settings, section), field.name) == value, field.name


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_weight_and_half_life_is_configurable(kind):
    settings = settings_from_dict({"kind_weights": {kind: 7.25},
                                   "half_life_days": {kind: 11.0}})
    assert settings.kind_weights[kind] == 7.25
    assert settings.half_life_days[kind] == 11.0
    others = [k for k in KINDS if k != kind]
    assert all(settings.kind_weights[k] == DEFAULT_KIND_WEIGHTS[k] for k in others)


# --------------------------------------------------------------------------- defaults table


def _script_output(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True,
                          text=True, check=False, cwd=ROOT)


@pytest.fixture(scope="module")
def table() -> str:
    done = _script_output()
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_defaults_table_script_matches_the_docs(table):
    page = (ROOT / "docs" / "defaults.md").read_text(encoding="utf-8")
    marker = "<!-- defaults-table: generated by scripts/defaults_table.py, do not edit by hand -->"
    generated = page.split(marker, 1)[1].split("<!-- end defaults-table -->", 1)[0]
    assert generated.strip("\n") + "\n" == table, (
        "docs/defaults.md table is out of date: run python scripts/defaults_table.py --write")
    assert _script_output("--check").returncode == 0


def test_every_default_appears_in_the_table(table):
    defaults = Settings()
    for kind in KINDS:
        assert (f"| `{kind}` | {defaults.kind_weights[kind]!r} | "
                f"{defaults.half_life_days[kind]!r} |") in table
    for section in SECTIONS:
        chunk = table.split(f"**`[{section}]`**", 1)[1].split("**`[", 1)[0]
        for field in dataclasses.fields(getattr(defaults, section)):
            value = getattr(getattr(defaults, section), field.name)
            shown = f'"{value}"' if isinstance(value, str) else (
                "[" + ", ".join(f'"{v}"' for v in value) + "]" if isinstance(value, tuple)
                else repr(value))
            if isinstance(value, tuple) and value and isinstance(value[0], tuple):
                shown = "[" + ", ".join(f"[{a:g}, {b:g}]" for a, b in value) + "]"
            row = next((line for line in chunk.splitlines()
                        if line.startswith(f"| `{field.name}` | ")), None)
            assert row is not None, f"{section}.{field.name} missing from the defaults table"
            assert row.startswith(f"| `{field.name}` | {shown} | "), row
            assert row.split(" | ")[2].strip(" |"), f"{section}.{field.name} has no reason"
    assert "| `owner` | not set |" in table
