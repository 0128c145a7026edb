#!/usr/bin/env bash
# The first README command: install, build, then run `opinia serve` with the demo page and an admin key.
set -euo pipefail
cd "$(dirname "$0")/.."
deploy/install-deps.sh
deploy/build.sh -DOPINIA_TESTS=OFF -DOPINIA_BENCH=OFF   # the server alone; deploy/test.sh builds the rest

data_dir=${OPINIA_DATA_DIR:-demo-data}
listen=${OPINIA_LISTEN:-127.0.0.1:8080}
mkdir -p "$data_dir"
db="$data_dir/opinia.db"
opinia=build/server/opinia
shared=${OPINIA_SHARED_DIR:-../shared}/data

# A new demo database starts with real history when the shared data sets are beside the clone:
# the garden-centre NPS survey (Latin-1, NA for missing) and the telco customers for churn.
if [ ! -f "$db" ] && [ -f "$shared/fr-garden-nps/nps.csv" ]; then
  echo "importing the garden-centre survey and the telco customers from $shared ..."
  $opinia import responses "$shared/fr-garden-nps/nps.csv" --db "$db" --flow garden \
    --score nps=nps --score csat=satisfaction:1-10 --comment explication --encoding latin-1 --missing NA > "$data_dir/import-garden.log"
  $opinia import customers "$shared/ibm-telco-churn/Telco-Customer-Churn.csv" --db "$db" --id customerID \
    --churned Churn --attribute Contract --attribute InternetService --attribute PaymentMethod > "$data_dir/import-telco.log"
  head -n 1 "$data_dir/import-garden.log" "$data_dir/import-telco.log"
fi
# One demo key per database, kept beside it (readable by you alone), so a restart does not mint another.
key_file="$data_dir/admin-key"
if [ ! -s "$key_file" ]; then
  (umask 077 && $opinia keys create --db "$db" --role admin --name demo | tail -n 1 > "$key_file")
fi
key=$(cat "$key_file")

cat <<INFO

  Demo shop with the feedback widget:  http://$listen/
  Admin page:                           http://$listen/admin
  Admin key (paste it on the admin page): $key
  Database:                             $db
  Stop with Ctrl+C.

INFO
exec $opinia serve --db "$db" --listen "$listen"
