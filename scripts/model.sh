#!/bin/sh
# Prints the path of the model for the current training data, config and custom components (named by their content hash).
cd "$(dirname "$0")/.."
hash=$( (find bot/config.yml bot/domain bot/data data/nlu -type f -name '*.yml'; find bot/components -type f -name '*.py') \
  | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-16)
echo "var/models/wegwijs-$hash.tar.gz"
