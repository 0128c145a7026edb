#!/usr/bin/env bash
# The first README command: install, build, then run `opinia serve` with the demo page and an admin key.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-deps.sh
deploy/build.sh

data_dir=${OPINIA_DATA_DIR:-demo-data}
listen=${OPINIA_LISTEN:-127.0.0.1:8080}
mkdir -p "$data_dir"
db="$data_dir/opinia.db"
key=$(build/server/opinia keys create --db "$db" --role admin --name demo | tail -n 1)

cat <<INFO

  Demo shop with the feedback widget:  http://$listen/
  Admin page:                           http://$listen/admin
  Admin key (paste it on the admin page): $key
  Database:                             $db
  Stop with Ctrl+C.

INFO
exec build/server/opinia serve --db "$db" --listen "$listen"
