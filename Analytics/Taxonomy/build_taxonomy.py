#!/usr/bin/env python3
"""Builds taxonomy.json: the hand-written industry chains (chains.json) plus the strategic emerging
industries converted from Reference/sei_ipc_concordance.tsv. Run it after editing either input;
tests/Analytics.Tests checks that taxonomy.json still matches the TSV. stdlib only."""
import csv, json, os, collections

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "..", "Reference")

FIRST_LEVEL = {
    "1": ("新一代信息技术产业", "New-generation information technology"),
    "2": ("高端装备制造产业", "High-end equipment manufacturing"),
    "3": ("新材料产业", "New materials"),
    "4": ("生物产业", "Biotechnology"),
    "5": ("新能源汽车产业", "New-energy vehicles"),
    "6": ("新能源产业", "New energy"),
    "7": ("节能环保产业", "Energy saving and environmental protection"),
    "8": ("数字创意产业", "Digital creative industries"),
    "9": ("相关服务业", "Related services"),
}
SECOND_LEVEL_EN = {
    "1.1": "Next-generation information networks", "1.2": "Core electronics", "1.3": "Emerging software and IT services",
    "1.4": "Internet, cloud computing and big data services", "1.5": "Artificial intelligence",
    "2.1": "Intelligent manufacturing equipment", "2.2": "Aviation equipment", "2.3": "Satellites and applications",
    "2.4": "Rail transit equipment", "2.5": "Marine engineering equipment",
    "3.1": "Advanced steel materials", "3.2": "Advanced non-ferrous metal materials", "3.3": "Advanced petrochemical new materials",
    "3.4": "Advanced inorganic non-metallic materials", "3.5": "High-performance fibres, products and composites",
    "3.6": "Frontier new materials", "3.7": "New-material services",
    "4.1": "Biomedicine", "4.2": "Biomedical engineering", "4.3": "Bio-agriculture", "4.4": "Bio-based materials and bio-energy",
    "4.5": "Other biotechnology",
    "5.1": "New-energy vehicle manufacturing", "5.2": "New-energy vehicle devices and parts", "5.3": "New-energy vehicle facilities",
    "5.4": "New-energy vehicle services",
    "6.1": "Nuclear power", "6.2": "Wind energy", "6.3": "Solar energy", "6.4": "Biomass and other new energy", "6.5": "Smart grid",
    "7.1": "Efficient energy saving", "7.2": "Advanced environmental protection", "7.3": "Resource recycling",
    "8.1": "Digital creative equipment", "8.2": "Digital cultural and creative activities", "8.3": "Design services",
    "8.4": "Digital creative convergence services",
    "9.1": "New technology and innovation services", "9.2": "Other related services",
}

def main():
    with open(os.path.join(HERE, "chains.json"), encoding="utf-8") as f:
        chains = json.load(f)
    rules = collections.OrderedDict()
    names = {}
    with open(os.path.join(REF, "sei_ipc_concordance.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["table"] != "sei":
                continue
            code = row["code"]
            names[code] = row["name_zh"]
            key = (code, int(row["rule_no"]))
            rule = rules.setdefault(key, {"patterns": [], "exclusions": [e for e in row["exclusions"].split("|") if e],
                                          "keywords": [k for k in row["keywords"].split("|") if k]})
            rule["patterns"].append(row["ipc_pattern"])
    industries = []
    for first, (zh, en) in FIRST_LEVEL.items():
        subs = []
        for code in sorted((c for c in names if c.split(".")[0] == first), key=lambda c: [int(p) for p in c.split(".")]):
            subs.append({"code": code, "nameZh": names[code], "nameEn": SECOND_LEVEL_EN[code],
                         "rules": [r for (c, _), r in rules.items() if c == code]})
        industries.append({"code": first, "nameZh": zh, "nameEn": en, "subIndustries": subs})
    taxonomy = {
        "version": chains["version"],
        "notes": chains["notes"],
        "chains": chains["chains"],
        "strategicEmergingIndustries": {
            "source": "CNIPA 战略性新兴产业分类与国际专利分类参照关系表（2021）（试行）, via Reference/sei_ipc_concordance.tsv (a secondary transcription; see SOURCE-sei_ipc_concordance.txt). First-level names from 战略性新兴产业分类(2018).",
            "industries": industries,
        },
    }
    with open(os.path.join(HERE, "taxonomy.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(taxonomy, f, ensure_ascii=False, indent=1)
        f.write("\n")

if __name__ == "__main__":
    main()
