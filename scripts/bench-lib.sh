# Timing helpers shared by the benchmark scripts (sourced, not run). The
# caller sets `tmp` (a scratch folder) and `runs` (rounds per measurement).
#
# Why rounds: this is a shared machine whose load moves by half from one
# second to the next, so a reference timed apart from sipur gives a ratio
# that moves as much (2.2x and 4.5x a minute apart). A round runs the
# reference and then sipur on the same input, so both meet the same moment;
# the ratio reported is the median over the rounds of the two times in a
# round.

# command...: one run; prints "seconds peak_kb cpu_seconds" (wall, peak RSS,
# user + system). The command's standard output is dropped; its standard
# input is the caller's.
bench_timed() {
  /usr/bin/time -f "%e %M %U %S" -o "$tmp/time" "$@" > /dev/null 2> "$tmp/stderr" || {
    cat "$tmp/stderr" >&2
    echo "$(basename "$0"): failed: $*" >&2
    return 1
  }
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$tmp/time"
}

# The median-time line of stdin's "seconds ..." lines, of `runs` lines.
bench_median() {
  sort -n | awk -v n="$runs" 'NR == int((n + 1) / 2)'
}

# fn args...: `runs` runs of `fn args` (each prints one bench_timed line),
# and the median-time one of them.
bench_median_run() {
  for _ in $(seq "$runs"); do "$@" || return 1; done | bench_median
}

# reference_fn sipur_fn args...: `runs` rounds of `reference_fn args` and
# then `sipur_fn args` (each prints one bench_timed line). Prints "sipur
# line|reference line|ratio": each side's median run and the median over the
# rounds of reference time / sipur time. Returns 1 if the reference failed,
# 2 if sipur did.
bench_paired() {
  local reference_fn=$1 sipur_fn=$2 r s
  shift 2
  local s_times=() r_times=() ratios=()
  for _ in $(seq "$runs"); do
    r=$("$reference_fn" "$@") || return 1
    s=$("$sipur_fn" "$@") || return 2
    r_times+=("$r")
    s_times+=("$s")
    ratios+=("$(awk -v r="${r%% *}" -v s="${s%% *}" 'BEGIN { if (s <= 0) s = 0.01; printf "%.4f", r / s }')")
  done
  echo "$(printf '%s\n' "${s_times[@]}" | bench_median)|$(printf '%s\n' "${r_times[@]}" | bench_median)|$(printf '%s\n' "${ratios[@]}" | bench_median)"
}
