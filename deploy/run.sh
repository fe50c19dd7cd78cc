#!/usr/bin/env bash
# The README's main-job command: installs everything (deploy/setup.sh), starts the private PostgreSQL cluster, builds
# aird and runs the end-to-end demo (aird demo): a clip rendered with ffmpeg from LFW DevTest images (LFW is provided
# by the workplace at ../shared/data/lfw), some of its people enrolled from their other images, and the whole pipeline
# (ingest, recognizer, matcher, in-process Kafka-protocol broker) run over it until drained. Alerts are printed as
# they come, then a summary. Extra arguments go to aird demo (e.g. --full-hd, --seconds 60; see aird demo --help).
# The database keeps running afterwards; stop it with deploy/postgres.sh stop.
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/setup.sh
bash deploy/postgres.sh start
connection="$(bash deploy/postgres.sh url)"

dotnet build src/Aird.Stream.Cli --configuration Release --no-restore --nologo -clp:ErrorsOnly
aird=src/Aird.Stream.Cli/bin/Release/net10.0/linux-x64/aird

exec "$aird" demo --out out/demo "$@" "--Postgres:ConnectionString=$connection"
