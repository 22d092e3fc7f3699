#!/usr/bin/env bash
# Whole-process time and peak memory of the CLI on the inputs that once ran away (issue
# "Notes are never lost, part 3"): `gloss compare` on two 2 MB near-copies (the alignment
# once asked for 78 GB and aborted) and `gloss search a` on a 20 MB corpus (it once peaked at
# 8 GB). Generated texts, fixed seeds; GNU time reads the peak.
#
# Usage: bash benches/cli_limits.sh   (needs python3 and /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet

python3 - "$work" <<'PY'
import os, random, sys
work = sys.argv[1]
words = ("a the and minister talks Moscow said sanctions Lavrov of cyber relations embassy "
         "report officials to in spring council budget harbour winter letter court river "
         "station agreed warned vote market").split()
def text(seed, size, numbers):
    rng = random.Random(seed); out = []; n = 0
    while n < size:
        s = " ".join(rng.choice(words) for _ in range(12))
        s += (" " + str(rng.randint(0, 99999)) if numbers else "") + ".\n\n"
        out.append(s); n += len(s)
    return "".join(out)
os.makedirs(f"{work}/cmp"); os.makedirs(f"{work}/search")
a = text(7, 2_000_000, True)
open(f"{work}/cmp/a.txt", "w").write(a)
open(f"{work}/cmp/b.txt", "w").write(a[:1_000_000] + "X" + a[1_000_001:])
for k in range(10):
    open(f"{work}/search/art{k}.txt", "w").write(text(100 + k, 2_000_000, False))
PY

measure() { # name, then the command
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>/dev/null
  read -r seconds kb <"$work/time"
  echo "${name}_s: $seconds"
  echo "${name}_peak_mb: $((kb / 1024))"
}
measure compare_2mb_near_copy target/release/gloss compare --corpus "$work/cmp" a.txt b.txt --json
measure search_a_20mb target/release/gloss search --corpus "$work/search" a --json
python3 -c "import json,sys; v=json.load(open(sys.argv[1])); print('search_a_20mb_hits:', v['total_hits'], 'kept', len(v['hits']))" "$work/out"
