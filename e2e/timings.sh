#!/usr/bin/env bash
# Page load times of the dashboard (median wall-clock time and the
# server's CPU time per load) over a filled store (e.g. the data
# directory `callqa serve-bench --data DIR` leaves behind): starts the
# release binary on it, times each page with curl (median of N runs, as a
# supervisor and as an operator) and stops the server.
#
#   bash e2e/timings.sh DIR [RUNS]
set -euo pipefail
data=${1:?usage: e2e/timings.sh DATA_DIR [RUNS]}
runs=${2:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${CALLQA_BIN:-${CARGO_TARGET_DIR:-$root/target}/release/callqa}
port=${CALLQA_E2E_PORT:-18732}
url="http://127.0.0.1:$port"
tag=$$
sup=$("$bin" token create --data "$data" --role supervisor --name "timings-sup-$tag" | tail -1)
op=$("$bin" token create --data "$data" --role operator --operator op-3 --name "timings-op-$tag" | tail -1)
"$bin" serve --data "$data" --listen "127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; "$bin" token revoke --data "$data" "timings-sup-$tag" >/dev/null; "$bin" token revoke --data "$data" "timings-op-$tag" >/dev/null' EXIT
for _ in $(seq 1 100); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.2; done
first_call=$(curl -sf -H "Authorization: Bearer $sup" "$url/api/v1/calls?limit=1" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
# The server's CPU time so far, in clock ticks (utime + stime): the machine
# may be shared, so CPU time per page is given beside the wall-clock time.
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
time_page() {
  local who=$1 path=$2 token=$3
  local all=() t0
  t0=$(ticks)
  for _ in $(seq 1 "$runs"); do
    all+=("$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" "$url$path")")
  done
  local cpu=$(( $(ticks) - t0 ))
  printf '%s\n' "${all[@]}" | sort -k2 -n | awk -v n="$runs" -v who="$who" -v p="$path" -v cpu="$cpu" -v hz="$hz" \
    '{c[NR]=$1; t[NR]=$2} END {m=int((n+1)/2); printf "%-10s %-48s %s %6.0f ms (max %5.0f)  cpu %5.0f ms\n", who, p, c[m], t[m]*1000, t[n]*1000, cpu*1000/hz/n}'
}
for p in "/" "/?period=90" "/?period=7&queue=sales" "/rules" "/rules/client.ask_name" "/operators" \
         "/operators?sort=s.opening&dir=desc" "/queues" "/operators/op-3" "/calls" "/calls?q=%D0%BE%D0%BF%D0%BB%D0%B0%D1%82%D0%B0" \
         "/calls?band=low&direction=inbound" "/calls?band=top" "/calls?operator=op-3&passed=false" \
         "/calls?rule=client.ask_name&outcome=fail" "/calls/$first_call" "/calibration" "/live" "/standard"; do
  time_page supervisor "$p" "$sup"
done
for p in "/" "/calls" "/rules"; do
  time_page operator "$p" "$op"
done
