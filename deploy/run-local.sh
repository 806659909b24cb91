#!/usr/bin/env bash
# Start N replicas of the app and nginx in front of them, all on loopback:
#
#   deploy/run-local.sh 2                 # nginx on 127.0.0.1:8080, replicas on 8501, 8502
#   deploy/run-local.sh 2 --port 9000 --first 8601
#
# The nginx configuration (deploy/nginx.conf with the placeholders filled in),
# its logs and the replicas' logs go to a fresh temporary folder. Prints
# "replica PID PORT" per replica, "nginx PID", then "ready URL" once every
# replica and nginx answer /_stcore/health; runs until Ctrl-C or SIGTERM, then
# stops everything it started and removes the folder.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: $0 N [--port PORT] [--first FIRST_REPLICA_PORT]" >&2; exit 2; }
[[ $# -ge 1 && $1 =~ ^[0-9]+$ && $1 -ge 1 && $1 -le 16 ]] || usage
replicas=$1; shift
port=8080; first=8501
while [[ $# -gt 0 ]]; do
  case $1 in
    --port) port=${2:?}; shift 2 ;;
    --first) first=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done
nginx_bin=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
[[ -x $nginx_bin ]] || { echo "nginx not found: apt-get install -y nginx (or set NGINX=/path/to/nginx)" >&2; exit 1; }

dir=$(mktemp -d -t partnermap-deploy-XXXXXX)
chmod 755 "$dir"  # nginx's workers (another user when started as root) read and write below it
pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 0' INT TERM

# One secret for all replicas, so that a cookie signed by one is valid at the others.
# (Streamlit takes it only from the environment or a config file, never from the command line.)
STREAMLIT_SERVER_COOKIE_SECRET=$(python -c "import secrets; print(secrets.token_hex(32))")
export STREAMLIT_SERVER_COOKIE_SECRET
servers=""
for ((i = 0; i < replicas; i++)); do
  p=$((first + i))
  python -m streamlit run dashboard/app.py --server.port "$p" --server.address 127.0.0.1 --server.headless true \
    --browser.gatherUsageStats false --server.fileWatcherType none --runner.postScriptGC false \
    >"$dir/replica-$p.log" 2>&1 &
  pids+=($!)
  echo "replica $! $p"
  servers+="        server 127.0.0.1:$p max_fails=2 fail_timeout=10s;"$'\n'
done

python - "$dir" "$port" "$servers" <<'PY'
import sys
from pathlib import Path
from dashboard.headers import app_values, fill
folder, port, servers = sys.argv[1:]
text = Path("deploy/nginx.conf").read_text(encoding="utf-8").replace("@SERVERS@\n", servers)
text = fill(text, {"DIR": folder, "PORT": port, **app_values()})
Path(folder, "nginx.conf").write_text(text, encoding="utf-8")
PY
"$nginx_bin" -t -q -p "$dir" -c "$dir/nginx.conf"
"$nginx_bin" -p "$dir" -c "$dir/nginx.conf" -g "daemon off;" &
pids+=($!)
echo "nginx $! $port"

healthy() { [[ $(curl -s --max-time 2 "http://127.0.0.1:$1/_stcore/health" 2>/dev/null) == ok ]]; }
for ((t = 0; t < 300; t++)); do
  ok=1
  for ((i = 0; i < replicas; i++)); do healthy $((first + i)) || ok=0; done
  [[ $ok == 1 ]] && { healthy "$port" || ok=0; }  # nginx only once the replicas answer, or it marks them failed
  [[ $ok == 1 ]] && break
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "a process ended early; logs in $dir:" >&2; tail -n 20 "$dir"/*.log >&2; exit 1; }; done
  sleep 0.5
done
[[ $ok == 1 ]] || { echo "not healthy after 150 s; logs in $dir" >&2; exit 1; }
echo "ready http://127.0.0.1:$port"
echo "folder $dir"
wait -n "${pids[@]}" || true
echo "a process ended; stopping" >&2
