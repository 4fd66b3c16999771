#!/bin/sh
# Starts rasa, actions and api; Ctrl-C stops all three.
cd "$(dirname "$0")/.."
. scripts/env.sh
mkdir -p var/log
model=$(scripts/model.sh)
pids=""
stop() {
  trap - INT TERM EXIT
  echo "stopping Wegwijs"
  for pid in $pids; do kill "$pid" 2>/dev/null; done
  wait
  exit 0
}
trap stop INT TERM EXIT
.venv-rasa/bin/rasa run --enable-api --auth-token "$WEGWIJS_RASA_TOKEN" -i 127.0.0.1 -p "$WEGWIJS_RASA_PORT" \
  --model "$model" --endpoints bot/endpoints.yml --credentials bot/credentials.yml &
pids="$pids $!"
.venv/bin/python -m rasa_sdk --actions actions --port "$WEGWIJS_ACTIONS_PORT" &
pids="$pids $!"
.venv/bin/uvicorn api.main:app --host "${WEGWIJS_API_HOST:-0.0.0.0}" --port "$WEGWIJS_API_PORT" &
pids="$pids $!"
echo "Wegwijs starting: web chat on http://127.0.0.1:$WEGWIJS_API_PORT/chat (rasa needs about a minute to load)"
wait
