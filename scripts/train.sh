#!/bin/sh
# Trains the model unless one for the same training data and config exists.
set -e
cd "$(dirname "$0")/.."
model=$(scripts/model.sh)
if [ -f "$model" ]; then
  echo "model up to date: $model"
  exit 0
fi
name=$(basename "$model" .tar.gz)
start=$(date +%s)
.venv-rasa/bin/rasa train --config bot/config.yml --domain bot/domain --data bot/data data/nlu \
  --out var/models --fixed-model-name "$name"
echo "$(( $(date +%s) - start ))" > "var/models/$name.seconds"
