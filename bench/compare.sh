#!/bin/bash
# compare.sh N [SEED]: the product beside Java Lucene 8.8 (../shared/bench-peers) on the same corpus and queries, in
# one run. Builds (or reuses) the peers' N-record corpus and query file with the peers' own generators, runs
# peer_lucene.sh, then `Search.Indexer bench --corpus --queries --json`, each under /usr/bin/time -v, and prints
# product / peer / ratio for each row of issue 17's table and the per-query hit agreement.
#   BENCH_PEERS   folder of the peer harness (default: ../shared/bench-peers beside the repository)
#   PEERS_CACHE   where corpus, queries, indexes and results go (default: $TMPDIR/bench-peers-cache, as run_peers.sh)
# Needs python3, java/javac, /usr/bin/time and: apt-get install -y liblucene8-java
set -euo pipefail
N=${1:?usage: bench/compare.sh N [SEED]} SEED=${2:-42}
repo=$(cd "$(dirname "$0")/.." && pwd)
peers=${BENCH_PEERS:-$repo/../shared/bench-peers}
[ -x "$peers/peer_lucene.sh" ] || { echo "No peer harness at $peers (set BENCH_PEERS)" >&2; exit 2; }
ls /usr/share/java/lucene-core-8*.jar > /dev/null 2>&1 || { echo "Java Lucene 8 missing: apt-get install -y liblucene8-java" >&2; exit 2; }
export PEERS_CACHE=${PEERS_CACHE:-${TMPDIR:-/tmp}/bench-peers-cache}
c=$PEERS_CACHE corpus=$PEERS_CACHE/corpus-$N-s$SEED.csv queries=$PEERS_CACHE/queries.txt
mkdir -p "$c"

# The same file names as run_peers.sh, so either script reuses what the other generated.
if [ ! -s "$corpus" ]; then
    echo "== corpus N=$N seed=$SEED" >&2
    python3 "$peers/make_corpus.py" "$N" "$corpus.tmp" --seed "$SEED"
    mv "$corpus.tmp" "$corpus"
fi
[ -s "$queries" ] || python3 "$peers/make_queries.py" "$queries"

echo "== build product" >&2
dotnet build "$repo/Search.Indexer" -c Release --nologo -v quiet > "$c/build-product.log" || { cat "$c/build-product.log" >&2; exit 1; }
dll=$repo/Search.Indexer/bin/Release/net10.0/Search.Indexer.dll

echo "== java lucene N=$N" >&2
/usr/bin/time -v -o "$c/time-lucene-$N.txt" "$peers/peer_lucene.sh" "$corpus" "$queries" "$c/lucene-$N" > "$c/out-lucene-$N.json"
echo "== product N=$N" >&2
rm -rf "$c/product-$N"
/usr/bin/time -v -o "$c/time-product-$N.txt" dotnet "$dll" bench --corpus "$corpus" --queries "$queries" --json --work "$c/product-$N" \
    > "$c/out-product-$N.json"

python3 "$repo/bench/compare_table.py" "$N" "$SEED" "$c"
