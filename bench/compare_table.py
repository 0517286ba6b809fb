#!/usr/bin/env python3
"""compare_table.py N SEED CACHE: the table of bench/compare.sh from the outputs it left in CACHE.

Rows follow issue 17: product / Java Lucene / ratio (product / peer) and the target ratio. Peak memory and CPU come
from /usr/bin/time -v for both processes, so they are measured alike; the product's own load-only CPU is shown
beside. Hit agreement compares the per-query hit counts; Chinese recall counts, for each Chinese query, the records
whose title, abstract or first claim contain every word as a substring."""
import csv, json, re, sys

n, seed, c = sys.argv[1], sys.argv[2], sys.argv[3]
corpus, queries_path = f'{c}/corpus-{n}-s{seed}.csv', f'{c}/queries.txt'
queries = [q.strip() for q in open(queries_path, encoding='utf-8') if q.strip()]
out = {}
for name in ('product', 'lucene'):
    res = json.load(open(f'{c}/out-{name}-{n}.json', encoding='utf-8'))
    tv = open(f'{c}/time-{name}-{n}.txt').read()
    res['peak_rss_mb_self'] = res['peak_rss_mb']
    res['peak_rss_mb'] = round(int(re.search(r'Maximum resident set size \(kbytes\): (\d+)', tv)[1]) / 1024, 1)
    cpu = float(re.search(r'User time \(seconds\): ([\d.]+)', tv)[1]) + float(re.search(r'System time \(seconds\): ([\d.]+)', tv)[1])
    res['process_cpu_seconds'] = round(cpu, 1)
    res['process_cpu_ms_per_record'] = round(cpu * 1000 / res['records'], 3)
    res['wall'] = re.search(r'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)', tv)[1]
    out[name] = res
p, j = out['product'], out['lucene']

cjk = re.compile(r'[\u3400-\u9fff]')
chinese = [i for i, q in enumerate(queries) if cjk.search(q)]
with open(corpus, encoding='utf-8-sig', newline='') as f:
    rows = csv.reader(f)
    head = next(rows)
    cols = [head.index(h) for h in ('专利名称', '申请摘要', '主权项')]
    texts = ['\n'.join(r[i] for i in cols) for r in rows]
substring = {i: sum(1 for t in texts if all(w in t for w in queries[i].split())) for i in chinese}


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def recall(hits):
    return round(sum(min(hits[i], substring[i]) for i in chinese) / max(1, sum(substring.values())), 3)


rows = [
    ('load, records/s', p['records_per_s'], j['records_per_s'], '>= 1.5'),
    ('CPU per record, ms (whole process)', p['process_cpu_ms_per_record'], j['process_cpu_ms_per_record'], '-'),
    ('index size, MB', p['db_size_mb'], j['db_size_mb'], '<= 1.2'),
    ('peak memory, MB', p['peak_rss_mb'], j['peak_rss_mb'], '<= 1.0, and <= 1.5 GB'),
    ('search p50, top 10, ms', p['p50_ms'], j['p50_ms'], '-'),
    ('search p99, top 10, ms', p['p99_ms'], j['p99_ms'], 'keep <= 0.5'),
    ('p50 with IPC-subclass and year facets, ms', p['p50_facets_ms'], j['p50_facets_ms'], '-'),
    ('p99 with IPC-subclass and year facets, ms', p['p99_facets_ms'], j['p99_facets_ms'], '<= 0.5'),
    ('p99 with all 7 bibliographic facets, ms', p['p99_all_facets_ms'], None, '<= 50 ms'),
    (f'Chinese hits vs substring matching ({len(chinese)} queries)', recall(p['hits']), recall(j['hits']), 'keep 1.000'),
]
agree = sum(1 for a, b in zip(p['hits'], j['hits']) if a == b)
print(f'N={n} seed={seed}, {len(queries)} queries; machine load average during the product load: {p.get("machine_load_average")}')
print(f'{"":46} {"product":>10} {"Java Lucene":>12} {"ratio":>7}   target ratio')
for label, a, b, target in rows:
    print(f'{label:46} {a if a is not None else "-":>10} {b if b is not None else "-":>12} {ratio(a, b) if b is not None else "-":>7}   {target}')
print(f'product load only: {p["load_cpu_seconds"]} s CPU = {p["cpu_ms_per_record"]} ms per record, {p["load_seconds"]} s wall, {p["segments"]} segments;'
      f' Java Lucene: {j["load_seconds"]} s wall, {j["segments"]} segments')
print(f'hits per query: equal in {agree} of {len(queries)}; product finds more in {sum(a > b for a, b in zip(p["hits"], j["hits"]))},'
      f' fewer in {sum(a < b for a, b in zip(p["hits"], j["hits"]))}; zero-hit queries {p["zero_hit_queries"]} / {j["zero_hit_queries"]};'
      f' median hits {p["median_hits"]} / {j["median_hits"]}')
for kind, idx in (('Chinese', chinese), ('English', [i for i in range(len(queries)) if i not in set(chinese)])):
    if idx:
        sp, sj = sum(p['hits'][i] for i in idx), sum(j['hits'][i] for i in idx)
        print(f'  {kind} ({len(idx)} queries): total hits {sp:,} / {sj:,} (ratio {ratio(sp, sj)}), equal in {sum(p["hits"][i] == j["hits"][i] for i in idx)}')
worst = sorted(range(len(queries)), key=lambda i: -abs(p['hits'][i] - j['hits'][i]))[:5]
print('  largest differences: ' + '; '.join(f'{queries[i]} {p["hits"][i]}/{j["hits"][i]}' + (f' (substring {substring[i]})' if i in substring else '') for i in worst))
json.dump({'N': int(n), 'seed': int(seed), 'product': p, 'lucene': j, 'substring_hits': {queries[i]: s for i, s in substring.items()}},
          open(f'{c}/compare-{n}.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print(f'figures: {c}/compare-{n}.json')
