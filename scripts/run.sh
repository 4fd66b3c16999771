#!/bin/sh
# Starts rasa, actions, api (and the Telegram worker when a bot token is set); Ctrl-C stops them all.
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
  --model "$model" --endpoints bot/endpoints.yml --credentials bot/credentials.yml --logging-config-file bot/logging.yml &
pids="$pids $!"
.venv/bin/python -m rasa_sdk --actions actions --port "$WEGWIJS_ACTIONS_PORT" &
pids="$pids $!"
.venv/bin/uvicorn api.main:app --host "${WEGWIJS_API_HOST:-0.0.0.0}" --port "$WEGWIJS_API_PORT" &
pids="$pids $!"
# Without a public webhook URL, Telegram updates come by polling, in a worker of their own.
if [ -n "${TELEGRAM_BOT_TOKEN:-${WEGWIJS_TELEGRAM_BOT_TOKEN:-}}" ] && [ -z "${WEGWIJS_TELEGRAM_WEBHOOK_URL:-}" ]; then
  .venv/bin/python -m api.channels.telegram.worker &
  pids="$pids $!"
fi
echo "Wegwijs starting: web chat on http://127.0.0.1:$WEGWIJS_API_PORT/chat (rasa needs about a minute to load)"
wait
