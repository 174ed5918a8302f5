#!/usr/bin/env python3
"""Writes crates/dyad-recognize/tests/recognizers-text-excluded.tsv: the Recognizers-Text cases
that are out of scope for news, one line each with the rule that excludes it.

    python3 tools/recognizers-text-exclusions.py ../shared/external/recognizers-text

The rules look only at the expected results (what the case asks for), never at what dyad
finds, so the list cannot hide dyad's own mistakes.
"""
import json
import re
import sys
from pathlib import Path

HOLIDAYS = r"(earth day|easter|new year|independence day|christmas|xmas|thanksgiving|mother'?s day|father'?s day|valentine|halloween|labou?r day|memorial day|martin luther king|mlk|columbus day|veterans day|boxing day|good friday|black friday|cyber monday|groundhog|april fools|st\.? patrick|yuandan|qingming|dragon boat|mid-autumn|lunar new year|spring festival|chinese new year|inauguration day|tree planting|national day|canberra day|may day|all saints|halloween|juneteenth)"


def date_reason(case):
    texts = [r["Text"].lower() for r in case["Results"]]
    values = [v for r in case["Results"] for v in r["Resolution"].get("values", [])]
    joined = " | ".join(texts)
    if any(v.get("value") == "not resolved" or v.get("timex", "").startswith(("SY", "FY")) for v in values):
        return "school, fiscal or season names with no calendar dates"
    if any(re.search(r"\b(spring|summer|autumn|fall|winter)\b", t) for t in texts):
        return "season names with no calendar dates"
    if any(r["TypeName"] == "datetimeV2.daterange" and (v.get("start") is None or v.get("end") is None) for r in case["Results"] for v in r["Resolution"].get("values", [])):
        return "open-ended bound (a query condition such as 'or later', 'before 2010'), not a date or period"
    if re.search(HOLIDAYS, joined):
        return "a named holiday, resolved from a holiday calendar"
    if re.search(r"\b(cy|sy|fy|w)\d{2}\b|\bweek \d+|\bweek of the year", joined):
        return "calendar codes and week numbers"
    if re.search(r"business days?|\bweekends?\b|\bthe (day|week|month|year)\b$|\bsame (day|week|month|year)\b|\bthat (day|week|month|year|weekend)\b|\bfortnight", joined):
        return "conversational reference (the weekend, the same week, business days)"
    if re.search(r"\btwo thousand\b|\b(nineteen|eighteen|seventeen) (hundred|ninety|eighty|seventy|sixty|fifty|forty|thirty|twenty|ten|\w+teen)\b", joined):
        return "a year spelled out in words (nineteen ninety six): news prints years in figures"
    if re.search(r"\b(tmrw|tmr|2moro|tomo|yday)\b", joined):
        return "chat spelling"
    if re.search(r"\b(week|weeks)\b", joined) and re.search(r"\b(first|second|third|fourth|last) week\b|week after next|\bweek of\b", joined):
        return "week-of-month and week-of-year positions"
    return None


def currency_reason(case):
    for r in case["Results"]:
        unit = r["Resolution"].get("unit", "")
        if unit in ("Cent", "Pence", "Penny", "Sen", "Satoshi"):
            return "a currency sub-unit (cents, pence): facts hold whole ISO 4217 units"
        if r["Resolution"].get("value") in (None, "null"):
            return "a currency word with no amount: nothing to normalize"
        if re.search(r"kuai|mao", r["Text"].lower()):
            return "colloquial Chinese money words (kuai, mao)"
    return None


FRACTION = r"\b(half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|elevenths?|twelfths?|[a-z]+tieths?|hundredths?|thousandths?|millionths?|billionths?|trillionths?|firsts|seconds)\b"


def number_reason(case):
    for r in case["Results"]:
        t = r["Text"].lower()
        if re.search(FRACTION, t) or re.search(r"\b(over|out of)\b|\d\s*/\s*\d|\b\d+ in [a-z]|[\u00bc-\u00be\u2150-\u215e]", t):
            return "a fraction in words or slashes (five eighths, one over three, 3/4): not a form news figures take"
        if re.search(r"\d\s*(e[+-]?\d|\^)", t):
            return "scientific or exponent notation"
        if re.search(r"\bpoint\b", t):
            return "decimals spoken in words (two hundred point zero three)"
    return None


def percent_reason(case):
    for r in case["Results"]:
        if r["Resolution"].get("value") in (None, "null"):
            return "a percent word with no amount"
    return None


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/external/recognizers-text")
    out = Path(__file__).resolve().parent.parent / "crates/dyad-recognize/tests/recognizers-text-excluded.tsv"
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
            if model == "date" and not (results and all(r.get("TypeName") in ("datetimeV2.date", "datetimeV2.daterange") for r in results)):
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
