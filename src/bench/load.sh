#!/usr/bin/env bash
# Tollgate's load benchmark (README "Performance"). Measures, in one run on this machine:
#  1. POST /oauth/token on a real Tomcat, started the README run command's way (mvn -Prun package, embedded
#     H2, demo import) and driven over loopback by wrk, per grant (client_credentials, password,
#     refresh_token), at 1, 8 and 32 connections, after a warm-up, several runs each; medians of the runs.
#     Once as deployed by default (the JDK signs), then again with signing.provider naming Amazon Corretto
#     Crypto Provider, which the run command puts in Tomcat's lib (README "Faster signing");
#  2. between a grant's runs at 8 connections, the ones compared (Tomcat idle), its ceiling with JMH: one
#     RS256 signature (the JDK's provider, and Amazon Corretto Crypto Provider's for accp) on one thread, or
#     one password check at the default Argon2id cost on one thread and on every core at once. The VM's
#     speed drifts by a third within minutes, so each run is compared with the mean of the two ceilings
#     measured just before and just after it, and the grant's ratio is the median over those runs; beside
#     it, each such run's CPU a token in Tomcat (the kernel's count per thread), its signing threads'
#     part and the seconds the JIT and the GC took, against JMH's cost of one signature or check around
#     it: what moved when a ratio did;
#  3. the live heap (after a full GC) of that Tomcat after a long run at 32 connections, per grant.
# Prints one table and keeps it in target/bench/results.txt. Everything stops when the script ends.
#
# Knobs (environment): DURATION=20 seconds per run, RUNS=3, CONNECTIONS="1 8 32", WARMUP=30 and
# WARMUP_MAX=300 seconds per grant (it warms up in 10 s steps until the JIT settles: two steps in a row with
# less than JIT_QUIET=300 ms of compiling; on a fresh Tomcat with the native provider, refresh_token
# kept C2 busy for 150 s), PASSWORD_WARMUP=300 seconds at least for the password grant (on a fresh
# Tomcat C2 compiled in bursts of seconds, between quiet steps, through the first 4.5 minutes of logins,
# some 12,000 of them), HEAP_SECONDS=60,
# GRANTS="client_credentials refresh_token password" (the password grant last: at 30-80 logins a
# second its HTTP and database code would take many minutes to reach the JIT's thresholds, which the
# other grants' thousands of requests a second reach in seconds; after two minutes of logins alone, C2
# still took 12.5 % of the CPU in a password run, 4.5 % after the other grants' warm-ups),
# HEAP_GRANTS="client_credentials refresh_token", SIGNERS="jdk accp", ACCP_GRANTS="client_credentials
# refresh_token" (the password grant's signature is a thousandth of its Argon2 check); an empty
# HEAP_GRANTS or ACCP_GRANTS means none. Needs wrk (Debian package; installed when missing and run as
# root), curl and a JDK.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-20}
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-"1 8 32"}
COMPARED=8 # the connection count whose runs are compared with the ceiling (the issue's)
WARMUP=${WARMUP:-30}
WARMUP_MAX=${WARMUP_MAX:-300}
PASSWORD_WARMUP=${PASSWORD_WARMUP:-300}
JIT_QUIET=${JIT_QUIET:-300}
HEAP_SECONDS=${HEAP_SECONDS:-60}
GRANTS=${GRANTS:-"client_credentials refresh_token password"}
HEAP_GRANTS=${HEAP_GRANTS-"client_credentials refresh_token"}
SIGNERS=${SIGNERS:-"jdk accp"}
ACCP_GRANTS=${ACCP_GRANTS-"client_credentials refresh_token"}
ACCP_CLASS=com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider
BASE=http://127.0.0.1:8080
ENDPOINT=$BASE/oauth/token
OUT=$PWD/target/bench
CORES=$(nproc)

# the demo import's client and user (src/demo/import.json)
export BENCH_LUA=$PWD/src/bench/wrk
export BENCH_BASIC; BENCH_BASIC=$(printf '%s' demo-app:demo-app-secret | base64)
export BENCH_USER=demo-user BENCH_PASSWORD=demo-password
export BENCH_THREADS=1 # one wrk thread drives every connection: the server keeps the cores

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
  else
    echo "wrk is missing: apt-get install wrk" >&2; exit 1
  fi
fi
rm -rf "$OUT" && mkdir -p "$OUT"

mvn -B -q -Pbench test-compile
jmh() { # csv threads benchmark-and-parameters
  local csv=$1 threads=$2
  shift 2
  mvn -B -q -Pbench exec:exec -Djmh.args="-f 1 -wi 3 -w 2s -i 5 -r 2s -t $threads -rf csv -rff $csv $*" \
    >>"$OUT/jmh.log" 2>&1 || { echo "JMH failed; see $OUT/jmh.log" >&2; exit 1; }
}
# a grant's ceiling, with Tomcat idle: JMH's CSVs $OUT/jmh-<signer>-<grant>-<index>[-all].csv
ceiling() { # signer grant index (0 before the first compared run, n after the nth)
  local csv=$OUT/jmh-$1-$2-$3
  echo "== JMH ceiling of $1, $2 ($3 of its compared runs done)"
  if [ "$2" = password ]; then
    jmh "$csv.csv" 1 PasswordCheckBenchmark
    jmh "$csv-all.csv" "$CORES" PasswordCheckBenchmark
  else
    jmh "$csv.csv" 1 -p algorithm=RS256 -p provider="$([ "$1" = accp ] && echo jdk,accp || echo jdk)" SigningBenchmark
  fi
}
# the score is the fifth CSV column, the provider parameter the ninth; JMH quotes text, writes numbers bare
# and ends lines with CRLF
score() { tr -d '"\r' <"$1" | awk -F, -v b="$2" -v p="${3:-}" '$1 ~ b && $9 == p { print $5 }'; }
# a grant's ceilings in the order measured, as JMH scored them (signatures/s, or ms a check), one line
scores() { # csv-prefix csv-suffix benchmark provider
  local k
  for k in $(seq 0 "$RUNS"); do score "$1-$k$2.csv" "$3" "$4"; done | paste -sd' '
}
# scores as printed: "a, b, c", to the given number of decimals
shown() { awk -v d="$2" -v s="$1" 'BEGIN { n = split(s, v, " "); for (i = 1; i <= n; i++) printf "%s%.*f", (i > 1 ? ", " : ""), d, v[i] }'; }
# the median over the compared runs of tokens/s against the mean of the ceilings just before and after
# each, a ceiling being per s on every core (a score in ms a check becomes checks per s); prints a percent
ratio() { # "tokens/s of each run" "scores" per_s|ms
  awk -v t="$1" -v s="$2" -v c="$CORES" -v u="$3" 'BEGIN { n = split(t, tv, " "); split(s, sv, " ")
      for (i = 1; i <= n + 1; i++) cv[i] = (u == "ms" ? 1000 / sv[i] : sv[i]) * c
      for (i = 1; i <= n; i++) print 100 * tv[i] / ((cv[i] + cv[i + 1]) / 2) }' | median
}

RUN_PID=""
stop_tomcat() {
  [ -n "$RUN_PID" ] || return 0
  kill "$RUN_PID" 2>/dev/null || true # Cargo's shutdown hook stops its Tomcat
  wait "$RUN_PID" 2>/dev/null || true
  pkill -f "$PWD/target/cargo-run" 2>/dev/null || true
  RUN_PID=""
}
trap stop_tomcat EXIT
start_tomcat() { # signer: jdk or accp
  local provider=""
  [ "$1" = accp ] && provider=$ACCP_CLASS
  echo "== Tomcat (mvn -Prun package), signing: $1, data in $OUT/data-$1"
  mvn -B -Prun package -Dtollgate.run.data.dir="$OUT/data-$1" -Dtollgate.run.signing.provider="$provider" \
    >"$OUT/run-$1.log" 2>&1 &
  RUN_PID=$!
  for _ in $(seq 300); do
    curl -sf -o /dev/null "$BASE/health" && break
    kill -0 "$RUN_PID" 2>/dev/null || { echo "mvn -Prun package ended; see $OUT/run-$1.log" >&2; exit 1; }
    sleep 1
  done
  curl -sf -o /dev/null "$BASE/health" || { echo "Tomcat did not come up in 300 s; see $OUT/run-$1.log" >&2; exit 1; }
  if [ -n "$provider" ] && ! grep -q "signs with AmazonCorrettoCryptoProvider" "$OUT/run-$1.log"; then
    echo "Tollgate does not sign with Amazon Corretto Crypto Provider; see $OUT/run-$1.log" >&2; exit 1
  fi
  TOMCAT_PID=$(pgrep -f "catalina.base=$PWD/target/cargo-run" | head -1)
}

# one refresh token per connection, plus one per wrk thread: wrk asks each thread for a request before it
# opens the connections and never sends it; each token comes from its own password grant, one after the
# other (parallel curls interleave their output)
seed_refresh_tokens() {
  seq "$1" | xargs -I{} curl -sf -w '\n' -u demo-app:demo-app-secret -d grant_type=password \
      -d username="$BENCH_USER" -d password="$BENCH_PASSWORD" "$ENDPOINT" |
    sed -n 's/.*"refresh_token":"\([^"]*\)".*/\1/p' >"$OUT/tokens"
  [ "$(wc -l <"$OUT/tokens")" -eq "$1" ] || { echo "could not seed $1 refresh tokens" >&2; exit 1; }
}

# Tomcat's CPU so far, in clock ticks: "<every thread> <signing threads> <JIT compiler threads> <GC
# threads>" (the kernel's count per thread; Linux keeps the first 15 characters of a thread's name, so
# tollgate-signing-N is tollgate-signin, C2 CompilerThread0 is C2 CompilerThre)
cpu_ticks() {
  local all
  all=$(sed 's/.*) //' "/proc/$TOMCAT_PID/stat" | awk '{ print $12 + $13 }')
  cat /proc/"$TOMCAT_PID"/task/*/stat 2>/dev/null | awk -v all="$all" '{ name = $0; sub(/\) .*/, "", name)
      sub(/^[0-9]+ \(/, "", name); sub(/.*\) /, ""); t = $12 + $13 }
    name ~ /^tollgate-signin/ { s += t } name ~ /^C[12] CompilerThre/ { j += t } name ~ /^(GC Thread|G1 )/ { g += t }
    END { print all, s + 0, j + 0, g + 0 }'
}
TICKS_PER_S=$(getconf CLK_TCK)

# one wrk run: prints "<requests/s> <p50 ms> <p99 ms> <failed> <Tomcat's CPU ms a request> <of which
# signing threads> <JIT compiling, s of CPU> <GC, s of CPU>"; the CPU counted from just before wrk starts
# to just after it ends
drive() { # grant connections seconds
  local before after result
  [ "$1" = refresh_token ] && seed_refresh_tokens $(($2 + BENCH_THREADS))
  before=$(cpu_ticks)
  result=$(BENCH_TOKENS="$OUT/tokens" wrk -t "$BENCH_THREADS" -c "$2" -d "${3}s" --timeout 10s \
      -s "$BENCH_LUA/$1.lua" "$ENDPOINT" | tee -a "$OUT/wrk.log" | awk '/^RESULT/ { print $2, $3, $4, $5 }')
  after=$(cpu_ticks)
  [ -n "$result" ] || return 0 # wrk printed no result: no line for this run
  echo "$result $before $after" | awk -v s="$3" -v hz="$TICKS_PER_S" '{ n = $1 * s / 1000 * hz
    if (n == 0) { print $1, $2, $3, $4, "-", "-", "-", "-"; next } # nothing answered
    printf "%s %s %s %s %.3f %.3f %.2f %.2f\n", $1, $2, $3, $4, ($9 - $5) / n, ($10 - $6) / n,
      ($11 - $7) / hz, ($12 - $8) / hz }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# live heap: the bytes of the objects a full GC leaves, counted in the same step (a class histogram's
# total), so that nothing Tomcat allocates after that GC (requests still queued when wrk stops) is counted
live_heap_mb() {
  jcmd "$TOMCAT_PID" GC.class_histogram | awk '$1 == "Total" { printf "%.0f", $3 / 1048576 }'
}

# milliseconds Tomcat's JVM has spent compiling so far (HotSpot's counters, in ticks of its clock): the
# time, not the number of methods, since one large method can cost C2 a second
compile_ms() {
  jcmd "$TOMCAT_PID" PerfCounter.print | awk -F= '/^sun.ci.(standardTime|osrTime)=/ { t += $2 }
    /^sun.os.hrt.frequency=/ { f = $2 } END { printf "%d", t * 1000 / f }'
}
# 10 s steps at 8 connections until the JIT settles (two quiet steps in a row: it compiles in bursts),
# WARMUP s (PASSWORD_WARMUP for the password grant) at least and WARMUP_MAX s at most
warm_up() { # signer grant
  local spent=0 quiet=0 before compiling least=$WARMUP most=$WARMUP_MAX
  if [ "$2" = password ]; then least=$PASSWORD_WARMUP most=$((PASSWORD_WARMUP > WARMUP_MAX ? PASSWORD_WARMUP : WARMUP_MAX)); fi
  while :; do
    before=$(compile_ms)
    drive "$2" 8 10 >/dev/null
    compiling=$(($(compile_ms) - before))
    spent=$((spent + 10))
    if [ "$compiling" -lt "$JIT_QUIET" ]; then quiet=$((quiet + 1)); else quiet=0; fi
    if [ "$spent" -ge "$most" ] || { [ "$spent" -ge "$least" ] && [ "$quiet" -ge 2 ]; }; then
      break
    fi
  done
  echo "== $1, $2: warmed up ${spent}s, $compiling ms compiling in the last 10 s"
}

# a column of the table's row for the compared connection count: 4 tokens/s, 6 p99 ms
compared() { awk -v s="$1" -v g="$2" -v c="$COMPARED" -v k="$3" '$1 == s && $2 == g && $3 == c { print $k }' "$TABLE"; }
compared_runs() { cut -d' ' -f1 "$OUT/runs-$1-$2-$COMPARED" | paste -sd' '; } # tokens/s of each compared run
# a column of the compared runs, as printed: "a, b, c"; 5 Tomcat's CPU ms a request, 6 the signing threads',
# 7 and 8 s of CPU compiling and collecting
compared_column() { shown "$(cut -d' ' -f"$3" "$OUT/runs-$1-$2-$COMPARED" | paste -sd' ')" "$4"; }
# per compared run, the percent of all cores that Tomcat's threads used: "a, b, c"
core_share() { awk -v c="$CORES" '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 * $5 / 10 / c }' "$OUT/runs-$1-$2-$COMPARED"; }
# per compared run, the mean of the ceilings just before and after it as ms a signature or a check
around() { # "scores" per_s|ms decimals
  awk -v s="$1" -v u="$2" -v d="$3" 'BEGIN { n = split(s, v, " ")
      for (i = 1; i < n; i++) { m = (v[i] + v[i + 1]) / 2; printf "%s%.*f", (i > 1 ? ", " : ""), d, (u == "ms" ? m : 1000 / m) } }'
}
# the JVM's own work during each compared run, which a run's tokens paid for
jvm_work() { # signer grant
  printf '  Tomcat CPU in each run, s: JIT compiling %s, garbage collecting %s\n' \
    "$(compared_column "$1" "$2" 7 2)" "$(compared_column "$1" "$2" 8 2)"
}
# one line comparing a grant's runs at 8 connections with the ceilings measured between them
compare() { # signer grant
  local jmh=$OUT/jmh-$1-$2 runs
  [ -f "$OUT/runs-$1-$2-$COMPARED" ] || return 0
  runs=$(compared_runs "$1" "$2")
  if [ "$2" = password ]; then
    local all one
    # the KDF ceiling counts every core hashing at once: each check is slower then (Argon2 is bound by
    # memory, which the cores share), and that is what the machine can do
    all=$(scores "$jmh" -all PasswordCheck "") one=$(scores "$jmh" "" PasswordCheck "")
    printf '%s, password at 8 connections: %s/s (runs: %s); %.0f %% of the KDF ceiling, all %s cores checking at once (ms a check, before, between and after the runs: %s); %.0f %% of one thread x %s cores (%s ms)\n' \
      "$1" "$(compared "$1" "$2" 4)" "$runs" "$(ratio "$runs" "$all" ms)" "$CORES" "$(shown "$all" 1)" \
      "$(ratio "$runs" "$one" ms)" "$CORES" "$(shown "$one" 1)"
    printf '  Tomcat CPU a login, each run: %s ms (Tomcat used %s %% of the cores); a check in JMH, all cores at once, around each run: %s ms\n' \
      "$(compared_column "$1" "$2" 5 1)" "$(core_share "$1" "$2")" "$(around "$all" ms 1)"
    jvm_work "$1" "$2"
    return 0
  fi
  local jdk
  jdk=$(scores "$jmh" "" SigningBenchmark jdk)
  printf '%s, %s at 8 connections: %s/s (runs: %s), p99 %s ms; %.0f %% of the JDK signing ceiling (RS256 signatures/s on one thread x %s cores; before, between and after the runs: %s)' \
    "$1" "$2" "$(compared "$1" "$2" 4)" "$runs" "$(compared "$1" "$2" 6)" "$(ratio "$runs" "$jdk" per_s)" "$CORES" "$(shown "$jdk" 0)"
  if [ "$1" = accp ]; then
    local own
    own=$(scores "$jmh" "" SigningBenchmark accp)
    printf '; %.0f %% of its own (%s)' "$(ratio "$runs" "$own" per_s)" "$(shown "$own" 0)"
  fi
  printf '\n  Tomcat CPU a token, each run: %s ms, of which the signing threads %s (Tomcat used %s %% of the cores); a JDK signature in JMH around each run: %s ms\n' \
    "$(compared_column "$1" "$2" 5 3)" "$(compared_column "$1" "$2" 6 3)" "$(core_share "$1" "$2")" "$(around "$jdk" per_s 3)"
  jvm_work "$1" "$2"
}

TABLE="$OUT/results.txt"
printf '%-7s %-19s %5s %10s %9s %9s %7s\n' signing grant conns tokens/s "p50 ms" "p99 ms" failed >"$TABLE"
SUMMARY=""
HEAP_LINES=""
for signer in $SIGNERS; do
  start_tomcat "$signer"
  grants=$GRANTS
  [ "$signer" = accp ] && grants=$ACCP_GRANTS
  for grant in $grants; do
    warm_up "$signer" "$grant"
    for conns in $CONNECTIONS; do
      runs=$OUT/runs-$signer-$grant-$conns
      : >"$runs"
      if [ "$conns" = "$COMPARED" ]; then ceiling "$signer" "$grant" 0; fi
      for run in $(seq "$RUNS"); do
        echo "== $signer, $grant, $conns connections, run $run: ${DURATION}s"
        drive "$grant" "$conns" "$DURATION" >>"$runs"
        if [ "$conns" = "$COMPARED" ]; then ceiling "$signer" "$grant" "$run"; fi
      done
      printf '%-7s %-19s %5s %10.0f %9.2f %9.2f %7.0f\n' "$signer" "$grant" "$conns" \
        "$(cut -d' ' -f1 "$runs" | median)" "$(cut -d' ' -f2 "$runs" | median)" \
        "$(cut -d' ' -f3 "$runs" | median)" "$(awk '{ s += $4 } END { print s }' "$runs")" >>"$TABLE"
    done
    SUMMARY="$SUMMARY$(compare "$signer" "$grant")\n"
  done
  for grant in $HEAP_GRANTS; do
    echo "== heap: $signer, $grant, 32 connections, ${HEAP_SECONDS}s"
    drive "$grant" 32 "$HEAP_SECONDS" >/dev/null
    HEAP_LINES="$HEAP_LINES$(printf '%s, %s after %ss at 32 connections: %s MB live' "$signer" "$grant" \
      "$HEAP_SECONDS" "$(live_heap_mb)")\n"
  done
  stop_tomcat
  rm -rf "$OUT/data-$signer" # refresh load grows its H2 file to gigabytes, which nothing reads afterwards
done
{
  echo
  echo "machine: $CORES cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(java -version 2>&1 | head -1)"
  printf '%b' "$SUMMARY" "$HEAP_LINES"
} >>"$TABLE"
echo
cat "$TABLE"
