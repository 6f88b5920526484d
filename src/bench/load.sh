#!/usr/bin/env bash
# Tollgate's load benchmark (README "Performance"). Measures, in one run on this machine:
#  1. the ceilings, with JMH: one RS256 signature (with the JDK's provider and with Amazon Corretto Crypto
#     Provider) and one password check at the default Argon2id cost, on one thread and on every core at
#     once, before the load and again after it (their mean counts);
#  2. POST /oauth/token on a real Tomcat, started the README run command's way (mvn -Prun package, embedded
#     H2, demo import) and driven over loopback by wrk, per grant (client_credentials, password,
#     refresh_token), at 1, 8 and 32 connections, after a warm-up, several runs each; medians of the runs.
#     Once as deployed by default (the JDK signs), then again with signing.provider naming Amazon Corretto
#     Crypto Provider, which the run command puts in Tomcat's lib (README "Faster signing");
#  3. the live heap (after a full GC) of that Tomcat after a long run at 32 connections, per grant.
# Prints one table and keeps it in target/bench/results.txt. Everything stops when the script ends.
#
# Knobs (environment): DURATION=20 seconds per run, RUNS=3, CONNECTIONS="1 8 32", WARMUP=30 seconds per
# grant (on 2 cores the JIT still compiles after 10 s), HEAP_SECONDS=60, GRANTS="client_credentials password
# refresh_token", HEAP_GRANTS="client_credentials refresh_token", SIGNERS="jdk accp",
# ACCP_GRANTS="client_credentials refresh_token" (the password grant's signature is a thousandth of its
# Argon2 check). Needs wrk (Debian package; installed when missing and run as root), curl and a JDK.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION=${DURATION:-20}
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-"1 8 32"}
WARMUP=${WARMUP:-30}
HEAP_SECONDS=${HEAP_SECONDS:-60}
GRANTS=${GRANTS:-"client_credentials password refresh_token"}
HEAP_GRANTS=${HEAP_GRANTS:-"client_credentials refresh_token"}
SIGNERS=${SIGNERS:-"jdk accp"}
ACCP_GRANTS=${ACCP_GRANTS:-"client_credentials refresh_token"}
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
jmh() { # threads, csv file
  mvn -B -q -Pbench exec:exec -Djmh.args="-f 1 -wi 3 -w 2s -i 5 -r 2s -t $1 -p algorithm=RS256 -p provider=jdk,accp \
-rf csv -rff $2 SigningBenchmark|PasswordCheckBenchmark"
}
# the ceilings are measured before the load and again after it, with Tomcat stopped: the VM's speed drifts
# within one run, and the mean of the two is what the load is compared with
ceilings() { # before|after
  echo "== JMH ceilings ($1 the load): one thread, then one per core"
  jmh 1 "$OUT/jmh-one-thread-$1.csv"
  jmh "$CORES" "$OUT/jmh-all-cores-$1.csv"
}
# the score is the fifth CSV column, the provider parameter the ninth; JMH quotes text, writes numbers bare
# and ends lines with CRLF
score() { tr -d '"\r' <"$1" | awk -F, -v b="$2" -v p="${3:-}" '$1 ~ b && $9 == p { print $5 }'; }
mean() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + b) / 2 }'; }
ceilings before

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

# one wrk run: prints "<requests/s> <p50 ms> <p99 ms> <failed>"
drive() { # grant connections seconds
  [ "$1" = refresh_token ] && seed_refresh_tokens $(($2 + BENCH_THREADS))
  BENCH_TOKENS="$OUT/tokens" wrk -t "$BENCH_THREADS" -c "$2" -d "${3}s" --timeout 10s \
      -s "$BENCH_LUA/$1.lua" "$ENDPOINT" | tee -a "$OUT/wrk.log" | awk '/^RESULT/ { print $2, $3, $4, $5 }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# live heap: what a full GC leaves, as the JVM reports it
live_heap_mb() {
  jcmd "$TOMCAT_PID" GC.run >/dev/null
  jcmd "$TOMCAT_PID" GC.heap_info | awk '/heap +total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%.0f", v / 1024 } }'
}

TABLE="$OUT/results.txt"
printf '%-7s %-19s %5s %10s %9s %9s %7s\n' signing grant conns tokens/s "p50 ms" "p99 ms" failed >"$TABLE"
HEAP_LINES=""
for signer in $SIGNERS; do
  start_tomcat "$signer"
  grants=$GRANTS
  [ "$signer" = accp ] && grants=$ACCP_GRANTS
  for grant in $grants; do
    echo "== $signer, $grant: warm-up ${WARMUP}s"
    drive "$grant" 8 "$WARMUP" >/dev/null
    for conns in $CONNECTIONS; do
      : >"$OUT/runs"
      for run in $(seq "$RUNS"); do
        echo "== $signer, $grant, $conns connections, run $run: ${DURATION}s"
        drive "$grant" "$conns" "$DURATION" >>"$OUT/runs"
      done
      printf '%-7s %-19s %5s %10.0f %9.2f %9.2f %7.0f\n' "$signer" "$grant" "$conns" \
        "$(cut -d' ' -f1 "$OUT/runs" | median)" "$(cut -d' ' -f2 "$OUT/runs" | median)" \
        "$(cut -d' ' -f3 "$OUT/runs" | median)" "$(awk '{ s += $4 } END { print s }' "$OUT/runs")" >>"$TABLE"
    done
  done
  for grant in $HEAP_GRANTS; do
    echo "== heap: $signer, $grant, 32 connections, ${HEAP_SECONDS}s"
    drive "$grant" 32 "$HEAP_SECONDS" >/dev/null
    HEAP_LINES="$HEAP_LINES$(printf '%s, %s after %ss at 32 connections: %s MB live' "$signer" "$grant" \
      "$HEAP_SECONDS" "$(live_heap_mb)")\n"
  done
  stop_tomcat
done
ceilings after
for when in before after; do
  for signer in jdk accp; do
    read -r "SIGNATURES_${signer}_$when" <<<"$(score "$OUT/jmh-one-thread-$when.csv" SigningBenchmark "$signer")" # per s
    read -r "SIGNING_ALL_${signer}_$when" <<<"$(score "$OUT/jmh-all-cores-$when.csv" SigningBenchmark "$signer")" # per s
  done
  read -r "PASSWORD_MS_$when" <<<"$(score "$OUT/jmh-one-thread-$when.csv" PasswordCheck)"     # ms per check
  read -r "PASSWORD_ALL_MS_$when" <<<"$(score "$OUT/jmh-all-cores-$when.csv" PasswordCheck)"  # ms per check
done
for signer in jdk accp; do
  one_before=SIGNATURES_${signer}_before one_after=SIGNATURES_${signer}_after
  all_before=SIGNING_ALL_${signer}_before all_after=SIGNING_ALL_${signer}_after
  one=$(mean "${!one_before}" "${!one_after}")
  printf -v "SIGNATURES_$signer" '%.0f' "$one"
  printf -v "CEILING_$signer" '%.0f' "$(awk -v s="$one" -v c="$CORES" 'BEGIN { print s * c }')"
  # the same with every core busy at once, which is what a server gets (threads share caches and memory)
  printf -v "ALL_$signer" '%.0f' "$(mean "${!all_before}" "${!all_after}")"
done
PASSWORD_MS=$(mean "$PASSWORD_MS_before" "$PASSWORD_MS_after")
PASSWORD_CEILING=$(awk -v ms="$PASSWORD_MS" -v c="$CORES" 'BEGIN { printf "%.1f", 1000 / ms * c }')
PASSWORD_ALL=$(awk -v ms="$(mean "$PASSWORD_ALL_MS_before" "$PASSWORD_ALL_MS_after")" -v c="$CORES" \
  'BEGIN { printf "%.1f", 1000 / ms * c }')

at8() { awk -v s="$1" -v g="$2" '$1 == s && $2 == g && $3 == 8 { print $4 }' "$TABLE"; }
p99at8() { awk -v s="$1" -v g="$2" '$1 == s && $2 == g && $3 == 8 { print $6 }' "$TABLE"; }
percent() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == 0) print "n/a"; else printf "%.0f %%", 100 * a / b }'; }
{
  echo
  echo "machine: $CORES cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(java -version 2>&1 | head -1)"
  printf 'RS256 signatures/s, JDK (JMH, mean of before and after the load): %s on one thread (%.0f, %.0f); x %s cores = signing ceiling %s/s; %s/s measured on all cores at once (%.0f, %.0f)\n' \
    "$SIGNATURES_jdk" "$SIGNATURES_jdk_before" "$SIGNATURES_jdk_after" "$CORES" "$CEILING_jdk" "$ALL_jdk" \
    "$SIGNING_ALL_jdk_before" "$SIGNING_ALL_jdk_after"
  printf 'RS256 signatures/s, Amazon Corretto Crypto Provider: %s on one thread (%.0f, %.0f); x %s cores = %s/s; %s/s on all cores at once (%.0f, %.0f)\n' \
    "$SIGNATURES_accp" "$SIGNATURES_accp_before" "$SIGNATURES_accp_after" "$CORES" "$CEILING_accp" "$ALL_accp" \
    "$SIGNING_ALL_accp_before" "$SIGNING_ALL_accp_after"
  printf 'one password check (JMH, mean of before and after): %.1f ms on one thread (%.1f, %.1f); x %s cores = password ceiling %s/s; %s/s measured on all cores at once\n' \
    "$PASSWORD_MS" "$PASSWORD_MS_before" "$PASSWORD_MS_after" "$CORES" "$PASSWORD_CEILING" "$PASSWORD_ALL"
  for signer in $SIGNERS; do
    ceiling=CEILING_$signer all=ALL_$signer
    for grant in client_credentials refresh_token; do
      tokens=$(at8 "$signer" "$grant")
      [ -n "$tokens" ] || continue
      echo "$signer, $grant at 8 connections: $tokens/s, p99 $(p99at8 "$signer" "$grant") ms; $(percent "$tokens" "$CEILING_jdk") of the JDK's signing ceiling, $(percent "$tokens" "$ALL_jdk") of its all-cores figure; $(percent "$tokens" "${!ceiling}") of this signer's ceiling, $(percent "$tokens" "${!all}") of its all-cores figure"
    done
  done
  echo "password at 8 connections: $(percent "$(at8 jdk password)" "$PASSWORD_CEILING") of the password ceiling, $(percent "$(at8 jdk password)" "$PASSWORD_ALL") of the all-cores figure"
  printf '%b' "$HEAP_LINES"
} >>"$TABLE"
echo
cat "$TABLE"
