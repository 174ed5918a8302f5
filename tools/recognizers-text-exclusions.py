#!/usr/bin/env python3
"""Writes crates/dyad/tests/recognizers-text-excluded.tsv: the Recognizers-Text cases a news
engine has no use for (calendar codes, chat spelling, names with no dates, kuai/mao), one line
each with the rule that excludes it. Everything news uses (open-ended ranges, weeks, holidays,
seasons, fractions, sub-units, currency and percent words with no amount) is kept and scored.

    python3 tools/recognizers-text-exclusions.py ../shared/external/recognizers-text

The rules look only at the expected results (what the case asks for), never at what dyad
finds, so the list cannot hide dyad's own mistakes.
"""
import json
import re
import sys
from pathlib import Path



def date_reason(case):
    texts = [r["Text"].lower() for r in case["Results"]]
    values = [v for r in case["Results"] for v in r["Resolution"].get("values", [])]
    joined = " | ".join(texts)
    if any(v.get("value") == "not resolved" for v in values):
        return "a name with no calendar dates (a school year, a season): nothing to resolve"
    if re.search(r"\b(cy|sy|w)\d{2}\b", joined):
        return "calendar codes (CY19, W37)"
    if re.search(r"\b(tmrw|tmr|2moro|tomo|yday)\b", joined):
        return "chat spelling"
    return None


def currency_reason(case):
    for r in case["Results"]:
        if re.search(r"kuai|mao", r["Text"].lower()):
            return "colloquial Chinese money words (kuai, mao)"
    return None


def number_reason(case):
    return None


def percent_reason(case):
    return None


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/external/recognizers-text")
    out = Path(__file__).resolve().parent.parent / "crates/dyad/tests/recognizers-text-excluded.tsv"
    rows = []
    for model, name, reason_of in (
        ("date", "DateTimeModel.json", date_reason),
        ("currency", "CurrencyModel.json", currency_reason),
        ("number", "NumberModel.json", number_reason),
        ("percent", "PercentModel.json", percent_reason),
    ):
        cases = json.loads((src / name).read_text(encoding="utf-8-sig"))
        for case in cases:
            results = case.get("Results") or []
            if model == "date" and not any(r.get("TypeName") in ("datetimeV2.date", "datetimeV2.daterange") for r in results):
                continue
            reason = reason_of(case) if results else None
            if reason:
                rows.append((model, case["Input"], reason))
    with out.open("w", encoding="utf-8") as f:
        f.write("# Recognizers-Text cases out of scope for news: model, input, reason (one line each).\n")
        f.write("# Written by tools/recognizers-text-exclusions.py from the expected results only.\n")
        for model, text, reason in rows:
            f.write(f"{model}\t{text.replace(chr(9), ' ').replace(chr(10), ' ')}\t{reason}\n")
    from collections import Counter
    for (m, r), n in sorted(Counter((m, r) for m, _, r in rows).items()):
        print(f"{n:4} {m:8} {r}")


if __name__ == "__main__":
    main()
